// Metro config for the pnpm workspace.
//
// Expo >= 52 configures Metro for monorepos itself, and Expo >= 54 supports pnpm's isolated (symlinked) layout,
// so `node-linker` stays at pnpm's default. From pnpm-workspace.yaml it derives:
//   watchFolders     = <root>/node_modules + every workspace package (so @niaga/client is watched), and
//   nodeModulesPaths = [apps/mobile/node_modules, <root>/node_modules].
// We deliberately do not widen watchFolders to the whole workspace root: that would make Metro crawl .toolchain,
// .data (the embedded Postgres cluster) and other apps' build output. test/metro-config.test.ts pins these facts.
const { getDefaultConfig } = require("expo/metro-config");

module.exports = getDefaultConfig(__dirname);
