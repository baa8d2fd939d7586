import { getPaymentInputSchema, paymentViewSchema } from "@niaga/contracts";
import { getPayment } from "@niaga/core/payments/payments.service";
import { customerProcedure } from "../../../trpc.ts";

export const getPaymentProcedure = customerProcedure
  .input(getPaymentInputSchema)
  .output(paymentViewSchema)
  .query(({ ctx, input }) => getPayment(ctx.db, { customerId: ctx.principal.userId, paymentId: input.id }));
