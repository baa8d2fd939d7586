import { adminListWithdrawalsInputSchema, adminWithdrawalPageSchema } from "@niaga/contracts";
import { listWithdrawals } from "@niaga/core/finance/withdrawals.service";
import { adminProcedure } from "../../../trpc.ts";

export const listWithdrawalsProcedure = adminProcedure
  .input(adminListWithdrawalsInputSchema)
  .output(adminWithdrawalPageSchema)
  .query(({ ctx, input }) => listWithdrawals(ctx.db, input));
