import { addToCartInputSchema, cartViewSchema } from "@niaga/contracts";
import { addToCart } from "@niaga/core/cart/cart.service";
import { customerProcedure } from "../../../trpc.ts";

export const addToCartProcedure = customerProcedure
  .input(addToCartInputSchema)
  .output(cartViewSchema)
  .mutation(({ ctx, input }) => addToCart(ctx.db, { customerId: ctx.principal.userId }, input));
