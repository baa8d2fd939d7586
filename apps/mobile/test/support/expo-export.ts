import { execFile } from "node:child_process";
import { readdir, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const appRoot = path.resolve(import.meta.dirname, "../..");
const workspaceRoot = path.resolve(appRoot, "../..");

type Platform = "web" | "android";

// Everything whose change must trigger a fresh export. The client package is read from source or dist,
// whichever it ships, so both are listed; missing paths are skipped.
const SOURCES = [
  "index.ts",
  "app.json",
  "metro.config.js",
  "package.json",
  "src",
  path.join(workspaceRoot, "packages/client/src"),
  path.join(workspaceRoot, "packages/client/dist"),
  path.join(workspaceRoot, "packages/contracts/src"),
];

/**
 * Runs `expo export` for one platform unless the last export is newer than every source, and returns its folder.
 * Output goes under .expo (git- and biome-ignored), apart from the production `dist`. The web export is a normal
 * production build: the page takes the API URL from `?api=` at run time (see src/config/api-url.ts).
 */
export async function ensureExport(platform: Platform): Promise<string> {
  const outputDir = path.join(appRoot, ".expo", `test-export-${platform}`);
  const builtAt = await mtime(path.join(outputDir, "metadata.json"));
  const changedAt = Math.max(...(await Promise.all(SOURCES.map((p) => newestMtime(path.resolve(appRoot, p))))));
  if (builtAt > changedAt) return outputDir;

  const cli = createRequire(path.join(appRoot, "package.json")).resolve("expo/bin/cli");
  try {
    await run(process.execPath, [cli, "export", "--platform", platform, "--output-dir", outputDir], {
      cwd: appRoot,
      env: { ...process.env, CI: "1", EXPO_NO_TELEMETRY: "1" },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(
      `expo export --platform ${platform} failed (is @niaga/client built? pnpm --filter @niaga/client build):\n${stdout}\n${stderr}`,
    );
  }
  return outputDir;
}

async function mtime(file: string): Promise<number> {
  return stat(file).then(
    (s) => s.mtimeMs,
    () => 0,
  );
}

async function newestMtime(target: string): Promise<number> {
  const info = await stat(target).catch(() => null);
  if (info === null) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(target, { recursive: true, withFileTypes: true });
  const times = await Promise.all(entries.filter((e) => e.isFile()).map((e) => mtime(path.join(e.parentPath, e.name))));
  return Math.max(info.mtimeMs, ...times);
}
