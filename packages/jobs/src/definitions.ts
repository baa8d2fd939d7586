import type { Config } from "@niaga/config";
import type { Logger } from "@niaga/core/shared/logger";
import type { Database } from "@niaga/db";
import type { Kysely } from "kysely";
import { z } from "zod";
import { runCheckoutExpiry } from "./checkout/expire.ts";
import { runComplaintExpiry } from "./complaints/expire.ts";
import { runRefundRetry } from "./complaints/retry-refunds.ts";
import { runEventsDispatch } from "./events/dispatch.job.ts";
import { runNotificationDigests } from "./notifications/digest.job.ts";
import { runOrderAutoComplete } from "./orders/auto-complete.ts";
import { runPaymentEventProcessing } from "./payments/process-events.ts";
import { runDailyReconciliation } from "./reconciliation/daily.ts";
import { cleanupExpiredAuthData } from "./system/cleanup.ts";

export interface JobDeps {
  db: Kysely<Database>;
  logger: Logger;
  config: Config;
}

/** One job: its queue, payload schema, retry policy, optional cron schedule and handler. */
export interface JobDefinition<Payload> {
  name: string;
  payload: z.ZodType<Payload>;
  /** Cron expression (UTC) for system tasks that run on a schedule. */
  schedule?: string;
  retryLimit: number;
  retryDelaySeconds: number;
  expireInSeconds: number;
  handle: (deps: JobDeps, payload: Payload) => Promise<void>;
}

function defineJob<Payload>(definition: JobDefinition<Payload>): JobDefinition<Payload> {
  return definition;
}

/** Every queue Niaga runs, declared in one place. Later issues add to this list. */
export const JOBS = [
  defineJob({
    name: "system.cleanup",
    payload: z.object({}).passthrough(),
    schedule: "17 * * * *",
    retryLimit: 3,
    retryDelaySeconds: 60,
    expireInSeconds: 300,
    handle: async ({ db, logger }) => {
      const removed = await cleanupExpiredAuthData(db);
      logger.info("system.cleanup done", removed);
    },
  }),
  defineJob({
    name: "orders.auto-complete",
    payload: z.object({}).passthrough(),
    // Hourly: an order completes at most an hour after its window; replays change nothing.
    schedule: "41 * * * *",
    retryLimit: 3,
    retryDelaySeconds: 60,
    expireInSeconds: 600,
    handle: (deps) => runOrderAutoComplete(deps),
  }),
  defineJob({
    name: "checkout.expire",
    payload: z.object({}).passthrough(),
    // Every minute: a checkout's stock is released at most a minute after its window closes.
    schedule: "* * * * *",
    retryLimit: 3,
    retryDelaySeconds: 30,
    expireInSeconds: 300,
    handle: (deps) => runCheckoutExpiry(deps),
  }),
  defineJob({
    name: "complaints.expire",
    payload: z.object({}).passthrough(),
    // Every 10 minutes: a complaint expires at most 10 minutes after the seller's deadline.
    schedule: "*/10 * * * *",
    retryLimit: 3,
    retryDelaySeconds: 60,
    expireInSeconds: 300,
    handle: (deps) => runComplaintExpiry(deps),
  }),
  defineJob({
    name: "refunds.retry",
    payload: z.object({}).passthrough(),
    // Refunds to the original payment method that failed or were interrupted by a crash.
    schedule: "*/15 * * * *",
    retryLimit: 1,
    retryDelaySeconds: 120,
    expireInSeconds: 600,
    handle: (deps) => runRefundRetry(deps),
  }),
  defineJob({
    name: "payments.process-events",
    payload: z.object({}).passthrough(),
    // The stored webhook events are the queue (see payments/process-events.ts). Each worker also
    // sends one every EVENTS_DISPATCH_INTERVAL_SECONDS (worker.ts); this minute cron is the
    // backstop, and a failed run is simply the next run, which resumes where this one stopped.
    schedule: "* * * * *",
    retryLimit: 0,
    retryDelaySeconds: 30,
    expireInSeconds: 300,
    handle: (deps) => runPaymentEventProcessing(deps),
  }),
  defineJob({
    name: "reconciliation.daily",
    payload: z.object({}).passthrough(),
    // Daily at 02:30 UTC (09:30 in Jakarta): yesterday, local time, has closed and the gateway's
    // late records have landed. A retry re-runs the day; open mismatches are never duplicated.
    schedule: "30 2 * * *",
    retryLimit: 3,
    retryDelaySeconds: 300,
    expireInSeconds: 1800,
    handle: (deps) => runDailyReconciliation(deps),
  }),
  defineJob({
    name: "notifications.digest",
    payload: z.object({}).passthrough(),
    // Hourly, because cron is UTC and the day is MARKETPLACE_TIME_ZONE's: the first run from 08:00
    // local sends the day's digests, later runs only reach users who became due; one per user per day.
    schedule: "7 * * * *",
    retryLimit: 3,
    retryDelaySeconds: 300,
    expireInSeconds: 1800,
    handle: (deps) => runNotificationDigests(deps),
  }),
  defineJob({
    name: "events.dispatch",
    payload: z.object({}).passthrough(),
    // The backstop: each worker also sends one every EVENTS_DISPATCH_INTERVAL_SECONDS (worker.ts),
    // and every run drains the outbox, so an event waits seconds, not a minute.
    schedule: "* * * * *",
    retryLimit: 5,
    retryDelaySeconds: 5,
    expireInSeconds: 120,
    handle: (deps) => runEventsDispatch(deps),
  }),
] as const;

export type JobName = (typeof JOBS)[number]["name"];
