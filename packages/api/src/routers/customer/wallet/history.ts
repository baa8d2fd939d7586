import { walletHistoryInputSchema, walletHistoryOutputSchema } from "@niaga/contracts";
import { walletHistory } from "@niaga/core/wallet/wallet.read";
import { customerProcedure } from "../../../trpc.ts";

export const walletHistoryProcedure = customerProcedure
  .input(walletHistoryInputSchema)
  .output(walletHistoryOutputSchema)
  .query(({ ctx, input }) => walletHistory(ctx.db, ctx.principal.userId, input));
