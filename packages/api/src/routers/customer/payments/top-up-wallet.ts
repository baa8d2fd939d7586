import { paymentViewSchema, walletTopUpInputSchema } from "@niaga/contracts";
import { startWalletTopUp } from "@niaga/core/payments/payments.service";
import { customerProcedure } from "../../../trpc.ts";

/** customer.wallet.topUp: a deposit paid through the payment provider; the wallet is credited when it succeeds. */
export const topUpWalletProcedure = customerProcedure
  .input(walletTopUpInputSchema)
  .output(paymentViewSchema)
  .mutation(({ ctx, input }) =>
    startWalletTopUp(ctx.db, ctx.payments, {
      customerId: ctx.principal.userId,
      amount: input.amount,
      currency: ctx.config.CURRENCY,
    }),
  );
