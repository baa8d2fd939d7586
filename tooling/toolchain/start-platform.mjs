// `npm start`, after the wrapper has set up the toolchain: builds the client SDK, then runs the
// API (migrating and seeding demo users into the embedded PostgreSQL unless DATABASE_URL is set),
// the web storefront and the admin app, with their output prefixed, until Ctrl-C.
import { spawn, spawnSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const apiPort = process.env.PORT ?? "3000";
const apiUrl = `http://localhost:${apiPort}`;
const env = {
  ...process.env,
  PUBLIC_API_URL: process.env.PUBLIC_API_URL ?? apiUrl,
  VITE_API_URL: process.env.VITE_API_URL ?? apiUrl,
};
const colors = { api: 36, web: 35, admin: 33 };
const children = [];
let stopping = false;

function prefixed(name, stream, target) {
  let buffered = "";
  stream.on("data", (chunk) => {
    buffered += chunk.toString();
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) target.write(`\x1b[${colors[name]}m${name.padEnd(5)}\x1b[0m | ${line}\n`);
  });
}

function start(name, command, args) {
  const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  prefixed(name, child.stdout, process.stdout);
  prefixed(name, child.stderr, process.stderr);
  child.on("exit", (code, signal) => {
    if (!stopping) {
      console.error(`${name} exited (${signal ?? code}); stopping the rest`);
      stop(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill("SIGTERM");
  setTimeout(() => process.exit(code), 8000).unref();
  void Promise.all(
    children.map((child) => new Promise((done) => (child.exitCode !== null ? done() : child.once("exit", done)))),
  ).then(() => process.exit(code));
}

async function waitForApi(timeoutMs = 120_000) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    try {
      const response = await fetch(`${apiUrl}/readyz`);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((done) => setTimeout(done, 300));
  }
  throw new Error(`the API did not become ready at ${apiUrl} within ${timeoutMs / 1000} s`);
}

process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

const build = spawnSync(
  "pnpm",
  ["exec", "turbo", "run", "build", "--filter=@niaga/client", "--output-logs=errors-only"],
  {
    cwd: root,
    env,
    stdio: "inherit",
  },
);
if (build.status !== 0) process.exit(build.status ?? 1);

start("api", process.execPath, ["apps/api/src/main.ts", "--seed-demo"]);
await waitForApi();
start("web", "pnpm", ["--filter", "@niaga/web", "run", "dev"]);
start("admin", "pnpm", ["--filter", "@niaga/admin", "run", "dev"]);
setTimeout(() => {
  console.log(`
  Niaga is running:
    storefront   http://localhost:5173
    admin        http://localhost:5174
    API          ${apiUrl}  (tRPC at /trpc, auth at /api/auth, dev mail at /dev/outbox)
  Press Ctrl-C to stop.
`);
}, 1500);
