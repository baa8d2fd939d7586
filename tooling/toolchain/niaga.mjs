#!/usr/bin/env node
// The repo's own toolchain wrapper, in the spirit of the Gradle wrapper: `npm start` and `npm test`
// work on a machine that has only Node >= 20 and npm. It fetches Node 24 and the pinned pnpm from
// the npm registry into `.toolchain/` (git-ignored), installs the workspace with the frozen
// lockfile when it changed, and then runs the requested task under that toolchain.
// Plain JavaScript with no dependencies, so that it runs on whatever Node the machine has.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const rootPackage = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const NODE_VERSION = readFileSync(join(root, ".nvmrc"), "utf8").trim();
const PNPM_VERSION = rootPackage.packageManager.replace(/^pnpm@/, "").split("+")[0];
const MIN_NODE = [22, 12];
const cacheDir = process.env.NIAGA_TOOLCHAIN_DIR ?? join(root, ".toolchain");

function log(message) {
  console.log(`\x1b[36m[niaga]\x1b[0m ${message}`);
}

function fail(message) {
  console.error(`\x1b[31m[niaga]\x1b[0m ${message}`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", ...options });
  if (result.error) fail(`${command} could not start: ${result.error.message}`);
  return result.status ?? 1;
}

function nodeIsRecentEnough(version) {
  const [major, minor] = version.replace(/^v/, "").split(".").map(Number);
  return major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
}

/** npm install into a private prefix folder, once; returns the folder. */
function npmInstallInto(folder, spec) {
  const marker = join(folder, ".installed");
  if (existsSync(marker) && readFileSync(marker, "utf8") === spec) return folder;
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, "package.json"), '{ "private": true }\n');
  log(`fetching ${spec} from the npm registry`);
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const status = run(
    npm,
    ["install", "--no-save", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", folder, spec],
    {
      shell: process.platform === "win32",
    },
  );
  if (status !== 0) fail(`could not install ${spec}; check your access to the npm registry`);
  writeFileSync(marker, spec);
  return folder;
}

function ensureNode() {
  if (nodeIsRecentEnough(process.version)) return process.execPath;
  const platform = process.platform === "win32" ? "win" : process.platform;
  const pkg = `node-${platform}-${process.arch}`;
  const folder = npmInstallInto(join(cacheDir, `node-${NODE_VERSION}`), `${pkg}@${NODE_VERSION}`);
  const binary =
    process.platform === "win32"
      ? join(folder, "node_modules", pkg, "bin", "node.exe")
      : join(folder, "node_modules", pkg, "bin", "node");
  if (!existsSync(binary)) fail(`${pkg}@${NODE_VERSION} did not contain a node binary at ${binary}`);
  return binary;
}

/** A folder with `node` and `pnpm` launchers, put first on PATH for everything the task runs. */
function ensureBinFolder(nodeBinary) {
  const pnpmFolder = npmInstallInto(join(cacheDir, `pnpm-${PNPM_VERSION}`), `pnpm@${PNPM_VERSION}`);
  const pnpmEntry = join(pnpmFolder, "node_modules", "pnpm", "bin", "pnpm.mjs");
  const pnpmScript = existsSync(pnpmEntry) ? pnpmEntry : join(pnpmFolder, "node_modules", "pnpm", "bin", "pnpm.cjs");
  const binFolder = join(cacheDir, "bin");
  mkdirSync(binFolder, { recursive: true });
  if (process.platform === "win32") {
    writeFileSync(join(binFolder, "pnpm.cmd"), `@"${nodeBinary}" "${pnpmScript}" %*\r\n`);
  } else {
    writeFileSync(join(binFolder, "pnpm"), `#!/bin/sh\nexec "${nodeBinary}" "${pnpmScript}" "$@"\n`, { mode: 0o755 });
  }
  return { binFolder, nodeFolder: dirname(nodeBinary) };
}

function manifestsHash() {
  const hash = createHash("sha256");
  hash.update(readFileSync(join(root, "pnpm-lock.yaml")));
  hash.update(readFileSync(join(root, "pnpm-workspace.yaml")));
  for (const group of ["apps", "packages", "tooling"]) {
    const groupDir = join(root, group);
    if (!existsSync(groupDir)) continue;
    for (const name of readdirSync(groupDir).sort()) {
      const manifest = join(groupDir, name, "package.json");
      if (existsSync(manifest)) hash.update(readFileSync(manifest));
    }
  }
  return hash.digest("hex");
}

function ensureInstalled(env) {
  const marker = join(root, "node_modules", ".niaga-install");
  const wanted = manifestsHash();
  if (existsSync(marker) && readFileSync(marker, "utf8") === wanted) return;
  log("installing the workspace (pnpm install --frozen-lockfile)");
  const status = run("pnpm", ["install", "--frozen-lockfile"], { cwd: root, env });
  if (status !== 0) fail("pnpm install failed");
  writeFileSync(marker, wanted);
}

const CHROME_CANDIDATES = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
  "/Applications/Chromium.app/Contents/MacOS/Chromium",
];

/** Browser tests need a real Chromium: CHROME_PATH, one found on the machine, or Debian's when we may install it. */
function ensureChrome(env) {
  if (env.CHROME_PATH) {
    if (!existsSync(env.CHROME_PATH)) fail(`CHROME_PATH is set to ${env.CHROME_PATH}, which does not exist`);
    return;
  }
  let found = CHROME_CANDIDATES.find((candidate) => existsSync(candidate));
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!found && process.platform === "linux" && isRoot && existsSync("/usr/bin/apt-get")) {
    log("installing Debian's chromium for the browser tests (apt-get)");
    const aptEnv = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    run("apt-get", ["update", "-qq"], { env: aptEnv });
    run("apt-get", ["install", "-y", "-qq", "chromium"], { env: aptEnv });
    found = CHROME_CANDIDATES.find((candidate) => existsSync(candidate));
  }
  if (!found) {
    fail(
      "the browser tests need Chrome or Chromium and none was found. Install one (Debian/Ubuntu: `apt-get install chromium`; " +
        "macOS: Google Chrome) or set CHROME_PATH to its executable.",
    );
  }
  env.CHROME_PATH = found;
}

/**
 * The fetched Node's npm reads its own global npmrc, not the system npm's, so a certificate
 * authority configured there (a proxy's, say) would be lost for the npm calls tests make.
 */
function inheritNpmCafile(env) {
  if (env.npm_config_cafile || env.NPM_CONFIG_CAFILE) return;
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const result = spawnSync(npm, ["config", "get", "cafile"], {
    encoding: "utf8",
    shell: process.platform === "win32",
    env: process.env,
  });
  const cafile = result.status === 0 ? result.stdout.trim() : "";
  if (cafile && cafile !== "null" && cafile !== "undefined" && existsSync(cafile)) env.npm_config_cafile = cafile;
}

const TASKS = {
  // Each task maps to a root script run under the fetched toolchain.
  start: { script: "start:platform", needsChrome: false },
  test: { script: "test:all", needsChrome: true },
  install: { script: null, needsChrome: false },
};

const taskName = process.argv[2] ?? "test";
const task = TASKS[taskName];
if (!task) fail(`unknown task "${taskName}"; expected one of ${Object.keys(TASKS).join(", ")}`);

const nodeBinary = ensureNode();
const { binFolder, nodeFolder } = ensureBinFolder(nodeBinary);
const pathKey = Object.keys(process.env).find((key) => key.toUpperCase() === "PATH") ?? "PATH";
const env = {
  ...process.env,
  [pathKey]: [binFolder, nodeFolder, join(root, "node_modules", ".bin"), process.env[pathKey]].join(
    process.platform === "win32" ? ";" : ":",
  ),
  TURBO_TELEMETRY_DISABLED: "1",
  DO_NOT_TRACK: "1",
};
inheritNpmCafile(env);
ensureInstalled(env);
if (task.needsChrome) ensureChrome(env);
if (task.script) {
  const extra = process.argv.slice(3);
  process.exit(run("pnpm", ["run", task.script, ...extra], { cwd: root, env }));
}
