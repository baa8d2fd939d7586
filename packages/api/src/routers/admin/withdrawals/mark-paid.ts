import { adminWithdrawalSchema, markWithdrawalPaidInputSchema } from "@niaga/contracts";
import { markWithdrawalPaid } from "@niaga/core/finance/withdrawals.service";
import { actorOf } from "../../../actor.ts";
import { adminProcedure } from "../../../trpc.ts";

export const markWithdrawalPaidProcedure = adminProcedure
  .input(markWithdrawalPaidInputSchema)
  .output(adminWithdrawalSchema)
  .mutation(({ ctx, input }) => markWithdrawalPaid(ctx.db, actorOf(ctx), input));
