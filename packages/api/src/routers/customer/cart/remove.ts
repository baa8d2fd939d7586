import { cartViewSchema, removeFromCartInputSchema } from "@niaga/contracts";
import { removeFromCart } from "@niaga/core/cart/cart.service";
import { customerProcedure } from "../../../trpc.ts";

export const removeFromCartProcedure = customerProcedure
  .input(removeFromCartInputSchema)
  .output(cartViewSchema)
  .mutation(({ ctx, input }) => removeFromCart(ctx.db, { customerId: ctx.principal.userId }, input));
