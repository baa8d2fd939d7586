import type { Logger } from "@niaga/core/shared/logger";
import { PgBoss } from "pg-boss";
import type { JobDeps } from "./definitions.ts";
import { JOBS } from "./definitions.ts";

export interface Worker {
  boss: PgBoss;
  /** Stops taking jobs and waits (up to the timeout) for active ones to finish. */
  stop: () => Promise<void>;
}

/** Creates every queue (idempotent), registers the schedules, and starts the handlers. */
export async function startWorker(params: {
  connectionString: string;
  deps: JobDeps;
  logger: Logger;
}): Promise<Worker> {
  const { connectionString, deps, logger } = params;
  const boss = new PgBoss({ connectionString, schema: "pgboss" });
  // Without this listener pg-boss errors (a missing queue, a lost connection) go unseen.
  boss.on("error", (error) => logger.error("pg-boss error", { error: error.message }));
  await boss.start();
  for (const job of JOBS) {
    const dead = `${job.name}.dead`;
    await boss.createQueue(dead);
    await boss.createQueue(job.name, {
      retryLimit: job.retryLimit,
      retryDelay: job.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: job.expireInSeconds,
      deadLetter: dead,
    });
    if (job.schedule) await boss.schedule(job.name, job.schedule, {});
    await boss.work(job.name, async (batch) => {
      for (const item of batch) {
        const payload = job.payload.parse(item.data);
        await job.handle(deps, payload);
      }
    });
  }
  logger.info("worker started", { queues: JOBS.map((job) => job.name) });
  return {
    boss,
    stop: () => boss.stop({ graceful: true, timeout: 20_000 }),
  };
}
