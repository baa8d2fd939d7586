import { randomUUID } from "node:crypto";
import type { Logger } from "@niaga/core/shared/logger";
import { PgBoss } from "pg-boss";
import type { JobDefinition, JobDeps } from "./definitions.ts";
import { JOBS } from "./definitions.ts";

/** A job of any payload type: its schema parses what its handler takes. */
type AnyJob = Omit<JobDefinition<unknown>, "handle"> & { handle: (deps: JobDeps, payload: never) => Promise<void> };

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
  /** The queues to run (default: every one in JOBS); tests pass their own. */
  jobs?: readonly AnyJob[];
  /** How often expired active jobs are found and retried (pg-boss default 60 s; tests use 1). */
  superviseIntervalSeconds?: number;
  /** Seconds between this worker's events.dispatch sends; 0 turns the tick off. */
  dispatchIntervalSeconds?: number;
}): Promise<Worker> {
  const { connectionString, deps, logger } = params;
  const jobs: readonly AnyJob[] = params.jobs ?? JOBS;
  const boss = new PgBoss({
    connectionString,
    schema: "pgboss",
    // Expiry runs in the queue monitor pass, which is claimed per queue for monitorIntervalSeconds:
    // both move together, or a shorter supervise interval changes nothing.
    ...(params.superviseIntervalSeconds && {
      superviseIntervalSeconds: params.superviseIntervalSeconds,
      monitorIntervalSeconds: params.superviseIntervalSeconds,
    }),
  });
  // Without this listener pg-boss errors (a missing queue, a lost connection) go unseen.
  boss.on("error", (error) => logger.error("pg-boss error", { error: error.message }));
  await boss.start();
  for (const job of jobs) {
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
        // The payload was parsed by the job's own schema just above.
        await job.handle(deps, payload as never);
      }
    });
  }
  const tick = startDispatchTick(
    boss,
    jobs,
    params.dispatchIntervalSeconds ?? deps.config.EVENTS_DISPATCH_INTERVAL_SECONDS,
    logger,
  );
  logger.info("worker started", { queues: jobs.map((job) => job.name) });
  return {
    boss,
    stop: async () => {
      if (tick) clearInterval(tick);
      await boss.stop({ graceful: true, timeout: 20_000 });
    },
  };
}

/**
 * Queues that must not wait for their minute cron: the domain-event outbox, and the stored
 * payment webhooks (a paid checkout should show as paid seconds after the gateway says so).
 */
const TICKED_QUEUES = ["events.dispatch", "payments.process-events"] as const;

/**
 * The fast path of the queues above: every few seconds this worker sends one job of each
 * (throttled per worker instance, so a slow run never piles them up); any worker may take it, and
 * each run drains its queue. The minute crons in JOBS are the backstop when no worker ticks.
 */
function startDispatchTick(
  boss: PgBoss,
  jobs: readonly AnyJob[],
  seconds: number,
  logger: Logger,
): NodeJS.Timeout | null {
  const ticked = TICKED_QUEUES.filter((name) => jobs.some((job) => job.name === name));
  if (seconds <= 0 || ticked.length === 0) return null;
  const key = `tick:${randomUUID()}`;
  const timer = setInterval(() => {
    for (const name of ticked) {
      boss.sendThrottled(name, {}, null, seconds, key).catch((error: unknown) => {
        logger.warn(`${name} tick failed`, { error: error instanceof Error ? error.message : String(error) });
      });
    }
  }, seconds * 1000);
  timer.unref();
  return timer;
}
