import { checkoutInputSchema, checkoutViewSchema } from "@niaga/contracts";
import { placeCheckout } from "@niaga/core/checkout/checkout.service";
import { customerProcedure } from "../../../trpc.ts";

export const placeCheckoutProcedure = customerProcedure
  .input(checkoutInputSchema)
  .output(checkoutViewSchema)
  .mutation(({ ctx, input }) =>
    placeCheckout(ctx.db, { shipping: ctx.shipping, config: ctx.config }, { customerId: ctx.principal.userId, input }),
  );
