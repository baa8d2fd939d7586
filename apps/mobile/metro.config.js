// Metro config for the pnpm workspace.
//
// Expo >= 52 configures Metro for monorepos itself, and Expo >= 54 supports pnpm's isolated (symlinked) layout,
// so `node-linker` stays at pnpm's default. From pnpm-workspace.yaml it derives:
//   watchFolders     = <root>/node_modules + every workspace package (so @niaga/client is watched), and
//   nodeModulesPaths = [apps/mobile/node_modules, <root>/node_modules].
// We deliberately do not widen watchFolders to the whole workspace root: that would make Metro crawl .toolchain,
// .data (the embedded Postgres cluster) and other apps' build output. test/metro-config.test.ts pins these facts.
const { createHash } = require("node:crypto");
const { getDefaultConfig } = require("expo/metro-config");

const config = getDefaultConfig(__dirname);

// Production builds inline EXPO_PUBLIC_* values, but Metro's transform cache key ignores them, so a build could
// silently reuse another build's API URL (expo/expo#23812). Keying the cache on those values prevents it.
const publicEnv = Object.entries(process.env)
  .filter(([name]) => name.startsWith("EXPO_PUBLIC_"))
  .sort(([a], [b]) => (a < b ? -1 : 1));
const publicEnvHash = createHash("sha256").update(JSON.stringify(publicEnv)).digest("hex").slice(0, 16);
config.cacheVersion = `${config.cacheVersion ?? ""}+public-env-${publicEnvHash}`;

module.exports = config;
