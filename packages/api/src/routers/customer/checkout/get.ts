import { checkoutViewSchema, getCheckoutInputSchema } from "@niaga/contracts";
import { getCheckoutView } from "@niaga/core/checkout/checkout.read";
import { customerProcedure } from "../../../trpc.ts";

export const getCheckoutProcedure = customerProcedure
  .input(getCheckoutInputSchema)
  .output(checkoutViewSchema)
  .query(({ ctx, input }) => getCheckoutView(ctx.db, { checkoutId: input.id, customerId: ctx.principal.userId }));
