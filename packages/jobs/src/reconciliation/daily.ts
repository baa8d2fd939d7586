import { runScheduledReconciliation } from "@niaga/core/reconciliation/reconciliation.run";
import type { JobDeps } from "../definitions.ts";

/** Reconciles yesterday (MARKETPLACE_TIME_ZONE) against the gateway; a failed listing fails the job so it retries. */
export async function runDailyReconciliation({ db, logger, config }: JobDeps): Promise<void> {
  const run = await runScheduledReconciliation(db, { config });
  logger.info("reconciliation.daily done", {
    runId: run.id,
    provider: run.provider,
    matched: run.matched,
    mismatchesFound: run.mismatchesFound,
    mismatchesNew: run.mismatchesNew,
  });
}
