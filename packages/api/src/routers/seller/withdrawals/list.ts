import { listWithdrawalsInputSchema, withdrawalPageSchema } from "@niaga/contracts";
import { listMyWithdrawals } from "@niaga/core/finance/withdrawals.service";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const listMyWithdrawalsProcedure = sellerProcedure
  .input(listWithdrawalsInputSchema)
  .output(withdrawalPageSchema)
  .query(({ ctx, input }) => listMyWithdrawals(ctx.db, actorOf(ctx), input));
