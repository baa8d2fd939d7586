import { paymentViewSchema, startCheckoutPaymentInputSchema } from "@niaga/contracts";
import { startCheckoutPayment } from "@niaga/core/payments/payments.service";
import { customerProcedure } from "../../../trpc.ts";

export const startCheckoutPaymentProcedure = customerProcedure
  .input(startCheckoutPaymentInputSchema)
  .output(paymentViewSchema)
  .mutation(({ ctx, input }) =>
    startCheckoutPayment(ctx.db, ctx.payments, { customerId: ctx.principal.userId, checkoutId: input.checkoutId }),
  );
