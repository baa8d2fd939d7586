// The real API as a child process (`node apps/api/src/main.ts --api-only`) over a database of its
// own, for tests that drive the product from outside: browsers, the mobile web export, scripts.
import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Role } from "@niaga/contracts";
import type { Database } from "@niaga/db";
import type { Kysely } from "kysely";
import { inject } from "vitest";
import { createTestDatabase } from "./database.ts";

const MAIN = fileURLToPath(new URL("../../../apps/api/src/main.ts", import.meta.url));
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;
const OUTPUT_LINES_KEPT = 60;

export interface StartTestApiOptions {
  /**
   * Extra environment for the API process (e.g. `TRUSTED_ORIGINS`); wins over the defaults except
   * HOST, PORT, PUBLIC_API_URL and DATABASE_URL, which the harness owns.
   */
  env?: Record<string, string>;
}

export interface CreateUserInput {
  email: string;
  password: string;
  name: string;
  role: Role;
}

export interface RunningTestApi {
  /** Base URL, `http://localhost:<port>`: browsers share cookies with apps served on localhost. */
  url: string;
  /** The API's database, for arranging and asserting state. */
  db: Kysely<Database>;
  databaseUrl: string;
  /** Stops the API (SIGTERM, then SIGKILL) and drops its database. Safe to call twice. */
  stop: () => Promise<void>;
  /** Signs up over HTTP, then grants the role with SQL (staff roles cannot be chosen at sign-up). */
  createUser: (input: CreateUserInput) => Promise<{ id: string }>;
}

/** A port that was free a moment ago; the caller retries if someone takes it first. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the real API on a free port, over a fresh database cloned from the migrated template.
 * Needs the harness's global setup (`niagaTestConfig()` in the app's vitest.config.ts).
 */
export async function startTestApi(options: StartTestApiOptions = {}): Promise<RunningTestApi> {
  if (!inject("niagaPg")) {
    throw new Error("startTestApi needs the @niaga/testing global setup: use niagaTestConfig() in vitest.config.ts");
  }
  const database = await createTestDatabase();
  const storageDir = await mkdtemp(join(tmpdir(), "niaga-api-files-"));
  let api: ApiProcess;
  try {
    api = await spawnApi(database.url, storageDir, options.env ?? {});
  } catch (error) {
    await database.drop();
    await rm(storageDir, { recursive: true, force: true });
    throw error;
  }

  let stopped: Promise<void> | null = null;
  return {
    url: api.url,
    db: database.db,
    databaseUrl: database.url,
    stop: () => {
      stopped ??= (async () => {
        await api.kill();
        await database.drop();
        await rm(storageDir, { recursive: true, force: true });
      })();
      return stopped;
    },
    createUser: async ({ email, password, name, role }) => {
      const response = await fetch(`${api.url}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: api.url },
        body: JSON.stringify({ email, password, name }),
      });
      const body = (await response.json().catch(() => null)) as { user?: { id?: string } } | null;
      const id = body?.user?.id;
      if (!response.ok || !id)
        throw new Error(`sign-up of ${email} failed: ${response.status} ${JSON.stringify(body)}`);
      await database.db.updateTable("user").set({ role }).where("id", "=", id).execute();
      return { id };
    },
  };
}

interface ApiProcess {
  url: string;
  kill: () => Promise<void>;
}

/** Another process can take the free port before the API binds it: then try a new one. */
async function spawnApi(databaseUrl: string, storageDir: string, env: Record<string, string>): Promise<ApiProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await spawnApiOnce(await freePort(), databaseUrl, storageDir, env);
    } catch (error) {
      if (!(error instanceof PortTakenError) || attempt >= 3) throw error;
    }
  }
}

class PortTakenError extends Error {}

async function spawnApiOnce(
  port: number,
  databaseUrl: string,
  storageDir: string,
  env: Record<string, string>,
): Promise<ApiProcess> {
  const url = `http://localhost:${port}`;
  const child = spawn(process.execPath, [MAIN, "--api-only"], {
    env: {
      ...process.env,
      NODE_ENV: "test",
      MIGRATE_ON_START: "false",
      STORAGE_DIR: storageDir,
      LOG_LEVEL: "warn",
      AUTH_RATE_LIMIT_MAX: "10000",
      LOGIN_LOCKOUT_THRESHOLD: "1000",
      ...env,
      // Where the API listens and which database it uses belong to the harness.
      HOST: "127.0.0.1",
      PORT: String(port),
      PUBLIC_API_URL: url,
      DATABASE_URL: databaseUrl,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = collectOutput(child);
  // If the test process dies without calling stop(), do not leave an orphan server behind.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  // "close", not "exit": by then the output streams are drained, so an early exit reports all of it.
  const exited = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));

  const kill = async () => {
    process.off("exit", killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  const ready = new AbortController();
  const failure = exited.then((code): Error => {
    const text = output();
    if (text.includes("EADDRINUSE")) return new PortTakenError(`port ${port} was taken`);
    return new Error(`the API exited (code ${code}) before it was ready:\n${text}`);
  });
  try {
    const failed = await Promise.race([waitUntilReady(url, ready.signal).then(() => null), failure]);
    if (failed) throw failed;
  } catch (error) {
    await kill();
    if (error instanceof TimeoutError) error.message += `\nAPI output:\n${output()}`;
    throw error;
  } finally {
    ready.abort();
  }
  return { url, kill };
}

class TimeoutError extends Error {}

async function waitUntilReady(url: string, signal: AbortSignal): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!signal.aborted) {
    if (Date.now() > deadline)
      throw new TimeoutError(`the API at ${url} was not ready within ${READY_TIMEOUT_MS / 1000} s`);
    const isReady = await fetch(`${url}/readyz`, { signal }).then(
      (response) => response.ok,
      () => false,
    );
    if (isReady) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Forwards the API's log lines (warnings and errors at LOG_LEVEL=warn) and keeps the last ones for errors. */
function collectOutput(child: ChildProcess): () => string {
  const lines: string[] = [];
  const keep = (chunk: Buffer, sink: NodeJS.WriteStream) => {
    const text = chunk.toString();
    sink.write(text.replace(/^(?=.)/gm, "[api] "));
    lines.push(...text.split("\n").filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - OUTPUT_LINES_KEPT));
  };
  child.stdout?.on("data", (chunk: Buffer) => keep(chunk, process.stdout));
  child.stderr?.on("data", (chunk: Buffer) => keep(chunk, process.stderr));
  return () => lines.join("\n");
}
