import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";

const appRoot = path.resolve(import.meta.dirname, "..");
const workspaceRoot = path.resolve(appRoot, "../..");
const require = createRequire(import.meta.url);

type MetroConfig = { watchFolders: string[]; resolver: { nodeModulesPaths: string[] } };

// Guards the monorepo assumptions metro.config.js relies on (Expo's automatic workspace detection).
describe("metro config", () => {
  const config = require(path.join(appRoot, "metro.config.js")) as MetroConfig;

  it("watches the workspace packages the app imports", () => {
    expect(config.watchFolders).toContain(path.join(workspaceRoot, "packages/client"));
    expect(config.watchFolders).toContain(path.join(workspaceRoot, "node_modules"));
  });

  it("resolves from the app's node_modules first, then the workspace root", () => {
    expect(config.resolver.nodeModulesPaths).toEqual([
      path.join(appRoot, "node_modules"),
      path.join(workspaceRoot, "node_modules"),
    ]);
  });
});
