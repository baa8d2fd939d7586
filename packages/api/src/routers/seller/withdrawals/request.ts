import { requestWithdrawalInputSchema, withdrawalSchema } from "@niaga/contracts";
import { requestWithdrawal } from "@niaga/core/finance/withdrawals.service";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const requestWithdrawalProcedure = sellerProcedure
  .input(requestWithdrawalInputSchema)
  .output(withdrawalSchema)
  .mutation(({ ctx, input }) => requestWithdrawal(ctx.db, actorOf(ctx), { ...input, currency: ctx.config.CURRENCY }));
