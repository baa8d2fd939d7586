import { listReconciliationRunsInputSchema, listReconciliationRunsOutputSchema } from "@niaga/contracts";
import { listReconciliationRuns } from "@niaga/core/reconciliation/reconciliation.read";
import { adminProcedure } from "../../../trpc.ts";

export const listReconciliationRunsProcedure = adminProcedure
  .input(listReconciliationRunsInputSchema)
  .output(listReconciliationRunsOutputSchema)
  .query(({ ctx, input }) => listReconciliationRuns(ctx.db, input));
