import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const MAIN = fileURLToPath(new URL("../../src/main.ts", import.meta.url));

export interface NiagaProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the process logged, for failure messages. */
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

/** A free TCP port on 127.0.0.1 (asked of the OS, then released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

/**
 * Runs apps/api/src/main.ts as its own Node process (`--api-only` or `--worker-only`) against
 * `databaseUrl`, and resolves once it logs `ready` (the API's "listening" line, the worker's "started").
 */
export async function startProcess(params: {
  mode: "--api-only" | "--worker-only";
  databaseUrl: string;
  port?: number;
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<NiagaProcess> {
  const port = params.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [MAIN, params.mode], {
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "test",
      DATABASE_URL: params.databaseUrl,
      DATABASE_POOL_MAX: "5",
      MIGRATE_ON_START: "false",
      HOST: "127.0.0.1",
      PORT: String(port),
      PUBLIC_API_URL: url,
      STORAGE_DIR: await mkdtemp(join(tmpdir(), "niaga-proc-")),
      LOG_LEVEL: "info",
      AUTH_RATE_LIMIT_MAX: "1000",
      ...params.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const ready = params.mode === "--api-only" ? "API listening on" : "worker started";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${params.mode} did not start in time:\n${log}`)),
      // Generous: on a loaded 2-core CI machine a cold start (type stripping every module) is slow.
      params.timeoutMs ?? 90_000,
    );
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes(ready)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${params.mode} exited with ${code} before it was ready:\n${log}`));
    });
  });
  return {
    url,
    port,
    child,
    output: () => log,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
