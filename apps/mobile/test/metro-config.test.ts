import { createRequire } from "node:module";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const appRoot = path.resolve(import.meta.dirname, "..");
const workspaceRoot = path.resolve(appRoot, "../..");
const configPath = path.join(appRoot, "metro.config.js");
const require = createRequire(import.meta.url);

type MetroConfig = { cacheVersion: string; watchFolders: string[]; resolver: { nodeModulesPaths: string[] } };

/** Loads metro.config.js afresh, as each `expo` command does in its own process. */
function loadConfig(): MetroConfig {
  delete require.cache[configPath];
  return require(configPath) as MetroConfig;
}

// Guards the monorepo assumptions metro.config.js relies on (Expo's automatic workspace detection).
describe("metro config", () => {
  afterEach(() => {
    delete process.env.EXPO_PUBLIC_API_URL;
  });

  it("watches the workspace packages the app imports", () => {
    const config = loadConfig();
    expect(config.watchFolders).toContain(path.join(workspaceRoot, "packages/client"));
    expect(config.watchFolders).toContain(path.join(workspaceRoot, "node_modules"));
  });

  it("resolves from the app's node_modules first, then the workspace root", () => {
    expect(loadConfig().resolver.nodeModulesPaths).toEqual([
      path.join(appRoot, "node_modules"),
      path.join(workspaceRoot, "node_modules"),
    ]);
  });

  // Regression: an export with a new EXPO_PUBLIC_API_URL reused cached transforms holding the old URL.
  it("keys the transform cache on EXPO_PUBLIC_* values", () => {
    process.env.EXPO_PUBLIC_API_URL = "https://api-a.example";
    const first = loadConfig().cacheVersion;
    process.env.EXPO_PUBLIC_API_URL = "https://api-b.example";
    expect(loadConfig().cacheVersion).not.toBe(first);
  });
});
