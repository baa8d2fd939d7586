import { adminWithdrawalSchema, rejectWithdrawalInputSchema } from "@niaga/contracts";
import { rejectWithdrawal } from "@niaga/core/finance/withdrawals.service";
import { actorOf } from "../../../actor.ts";
import { adminProcedure } from "../../../trpc.ts";

export const rejectWithdrawalProcedure = adminProcedure
  .input(rejectWithdrawalInputSchema)
  .output(adminWithdrawalSchema)
  .mutation(({ ctx, input }) => rejectWithdrawal(ctx.db, actorOf(ctx), input));
