import { reconciliationRunSchema, runReconciliationInputSchema } from "@niaga/contracts";
import { runReconciliationNow } from "@niaga/core/reconciliation/reconciliation.run";
import { actorOf } from "../../../actor.ts";
import { adminProcedure } from "../../../trpc.ts";

/**
 * Runs reconciliation synchronously and answers with the finished run, so the admin sees the
 * result at once (a window lists at most a few thousand gateway records). Without a window it
 * takes the previous day in MARKETPLACE_TIME_ZONE, like the daily job.
 */
export const runReconciliationNowProcedure = adminProcedure
  .input(runReconciliationInputSchema)
  .output(reconciliationRunSchema)
  .mutation(({ ctx, input }) => runReconciliationNow(ctx.db, actorOf(ctx), { config: ctx.config, ...input }));
