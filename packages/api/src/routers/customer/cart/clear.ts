import { cartViewSchema } from "@niaga/contracts";
import { clearCart } from "@niaga/core/cart/cart.service";
import { customerProcedure } from "../../../trpc.ts";

export const clearCartProcedure = customerProcedure
  .output(cartViewSchema)
  .mutation(({ ctx }) => clearCart(ctx.db, { customerId: ctx.principal.userId }));
