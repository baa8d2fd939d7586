import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const moduleUrl = new URL("../src/startup-memory.ts", import.meta.url).href;

// A process of its own, started with the `start` script's young-generation cap, so what the test
// measures is that process's heap and not the test runner's.
const script = `
  const { releaseStartupMemory } = await import(${JSON.stringify(moduleUrl)});
  const { getHeapSpaceStatistics } = await import("node:v8");
  // The young generation's committed size in bytes (both semi-spaces).
  const youngGenerationBytes = () =>
    getHeapSpaceStatistics().find((space) => space.space_name === "new_space")?.space_size ?? 0;
  // Garbage with survivors, as loading modules makes: the young generation grows to its cap.
  let kept = [];
  for (let i = 0; i < 400000; i++) {
    kept.push({ i, text: "row " + i });
    if (kept.length > 60000) kept = [];
  }
  const before = youngGenerationBytes();
  releaseStartupMemory();
  const after = youngGenerationBytes();
  const laterContext = (await import("node:vm")).runInNewContext("typeof gc");
  console.log(JSON.stringify({ before, after, globalGc: typeof globalThis.gc, laterContext }));
`;

describe("releaseStartupMemory", () => {
  it("shrinks a grown young generation back, without exposing gc to the main context or a later one", async () => {
    const { stdout } = await run(process.execPath, ["--max-semi-space-size=16", "--input-type=module", "-e", script], {
      cwd: fileURLToPath(new URL("..", import.meta.url)),
    });
    const { before, after, globalGc, laterContext } = JSON.parse(stdout) as Record<string, number | string>;
    expect(before).toBeGreaterThanOrEqual(8 * 1024 * 1024);
    expect(after).toBeLessThanOrEqual(Number(before) / 4);
    expect(globalGc).toBe("undefined");
    expect(laterContext).toBe("undefined");
  });
});
