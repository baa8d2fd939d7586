import { adminWithdrawalSchema, withdrawalIdInputSchema } from "@niaga/contracts";
import { payoutTransfersFor } from "@niaga/core/finance/stripe-transfers";
import { approveWithdrawal } from "@niaga/core/finance/withdrawals.payout";
import { actorOf } from "../../../actor.ts";
import { adminProcedure } from "../../../trpc.ts";

export const approveWithdrawalProcedure = adminProcedure
  .input(withdrawalIdInputSchema)
  .output(adminWithdrawalSchema)
  .mutation(({ ctx, input }) =>
    approveWithdrawal(ctx.db, actorOf(ctx), input, { transfers: payoutTransfersFor(ctx.config) }),
  );
