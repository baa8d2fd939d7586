import { listReconciliationMismatchesInputSchema, listReconciliationMismatchesOutputSchema } from "@niaga/contracts";
import { listReconciliationMismatches } from "@niaga/core/reconciliation/reconciliation.read";
import { adminProcedure } from "../../../trpc.ts";

export const listReconciliationMismatchesProcedure = adminProcedure
  .input(listReconciliationMismatchesInputSchema)
  .output(listReconciliationMismatchesOutputSchema)
  .query(({ ctx, input }) => listReconciliationMismatches(ctx.db, input));
