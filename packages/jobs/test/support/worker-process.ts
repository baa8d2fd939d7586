// A real worker process for the crash and scale tests (spawned with `node`, Node 24 strips types).
// WORKER_MODE=normal: every queue in JOBS, with a 1 s dispatch tick.
// WORKER_MODE=kill: only `test.dispatch`, a dispatch job with a 2 s expiry whose extra handler
// blocks forever inside the dispatch transaction the first time (it writes BLOCK_MARKER first),
// so the test can SIGKILL the process mid-job.
import { existsSync, writeFileSync } from "node:fs";
import { loadConfig } from "@niaga/config";
import type { EventHandler } from "@niaga/core/events/dispatch";
import { createLogger } from "@niaga/core/shared/logger";
import { createDb } from "@niaga/db";
import { z } from "zod";
import type { JobDefinition } from "../../src/definitions.ts";
import { JOBS } from "../../src/definitions.ts";
import { runEventsDispatch } from "../../src/events/dispatch.job.ts";
import { defaultEventHandlers } from "../../src/notifications/handlers.ts";
import { startWorker } from "../../src/worker.ts";

const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "info", DATABASE_URL: process.env.DATABASE_URL });
const connectionString = config.DATABASE_URL ?? "";
const logger = createLogger("info", { worker: process.env.WORKER_NAME ?? "worker" });
const handle = createDb({ connectionString, max: 4 });
const deps = { db: handle.db, logger, config };

const marker = process.env.BLOCK_MARKER ?? "";
const blocker: EventHandler = {
  name: "test.blocker",
  handle: async () => {
    if (!marker || existsSync(marker)) return;
    writeFileSync(marker, String(process.pid));
    await new Promise(() => {});
  },
};

const killJob: JobDefinition<Record<string, unknown>> = {
  name: "test.dispatch",
  payload: z.object({}).passthrough(),
  retryLimit: 3,
  retryDelaySeconds: 1,
  expireInSeconds: 2,
  handle: (jobDeps) => runEventsDispatch(jobDeps, [...defaultEventHandlers(config), blocker]),
};

const kill = process.env.WORKER_MODE === "kill";
// Normal mode runs the real events.dispatch definition (other queues stay out of this test).
const worker = await startWorker({
  connectionString,
  deps,
  logger,
  jobs: kill ? [killJob] : JOBS.filter((job) => job.name === "events.dispatch"),
  superviseIntervalSeconds: 1,
  dispatchIntervalSeconds: 1,
});
process.stdout.write("WORKER READY\n");

process.on("SIGTERM", () => {
  void (async () => {
    await worker.stop();
    await handle.close();
    process.exit(0);
  })();
});
