import { cartViewSchema, setCartQuantityInputSchema } from "@niaga/contracts";
import { setCartQuantity } from "@niaga/core/cart/cart.service";
import { customerProcedure } from "../../../trpc.ts";

export const setCartQuantityProcedure = customerProcedure
  .input(setCartQuantityInputSchema)
  .output(cartViewSchema)
  .mutation(({ ctx, input }) => setCartQuantity(ctx.db, { customerId: ctx.principal.userId }, input));
