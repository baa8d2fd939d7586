import { walletBalanceSchema } from "@niaga/contracts";
import { walletBalance } from "@niaga/core/wallet/wallet.read";
import { customerProcedure } from "../../../trpc.ts";

export const walletBalanceProcedure = customerProcedure
  .output(walletBalanceSchema)
  .query(({ ctx }) => walletBalance(ctx.db, ctx.principal.userId, { currency: ctx.config.CURRENCY }));
