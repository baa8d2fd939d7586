import { execFileSync } from "node:child_process";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = fileURLToPath(new URL("../..", import.meta.url));

/** What the build reads: this package's source and config, and the router's source in @niaga/api and @niaga/contracts. */
const INPUTS = ["src", "package.json", "tsdown.config.ts", "../api/src", "../contracts/src"];
const OUTPUTS = ["dist/index.js", "dist/index.d.ts", "dist/react.js", "dist/react.d.ts"];

async function newestMtime(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  const times = await Promise.all(files.map(async (file) => (await stat(file)).mtimeMs));
  return Math.max(0, ...times);
}

async function oldestOutput(): Promise<number> {
  try {
    const times = await Promise.all(OUTPUTS.map(async (file) => (await stat(join(packageDir, file))).mtimeMs));
    return Math.min(...times);
  } catch {
    return 0; // missing: never built
  }
}

/**
 * Builds dist/ unless it is newer than everything it is built from. Under turbo the `build` task
 * has just run (turbo.json: test depends on build), so this leaves dist alone while other tasks
 * (a dependant's typecheck) may be reading it; run alone, it gives the tests a fresh build.
 */
export default async function buildIfStale(): Promise<void> {
  const inputs = await Promise.all(INPUTS.map((input) => newestMtime(join(packageDir, input))));
  if (Math.max(...inputs) < (await oldestOutput())) return;
  execFileSync("node_modules/.bin/tsdown", ["--log-level", "error"], { cwd: packageDir, stdio: "inherit" });
}
