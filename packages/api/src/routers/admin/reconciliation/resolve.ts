import { reconciliationMismatchSchema, resolveMismatchInputSchema } from "@niaga/contracts";
import { resolveMismatch } from "@niaga/core/reconciliation/reconciliation.service";
import { actorOf } from "../../../actor.ts";
import { adminProcedure } from "../../../trpc.ts";

export const resolveMismatchProcedure = adminProcedure
  .input(resolveMismatchInputSchema)
  .output(reconciliationMismatchSchema)
  .mutation(({ ctx, input }) => resolveMismatch(ctx.db, actorOf(ctx), input));
