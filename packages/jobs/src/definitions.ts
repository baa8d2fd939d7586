import type { Config } from "@niaga/config";
import type { Logger } from "@niaga/core/shared/logger";
import type { Database } from "@niaga/db";
import type { Kysely } from "kysely";
import { z } from "zod";
import { runCheckoutExpiry } from "./checkout/expire.ts";
import { runOrderAutoComplete } from "./orders/auto-complete.ts";
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
] as const;

export type JobName = (typeof JOBS)[number]["name"];
