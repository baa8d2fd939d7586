import { cartViewSchema } from "@niaga/contracts";
import { getCart } from "@niaga/core/cart/cart.service";
import { customerProcedure } from "../../../trpc.ts";

export const getCartProcedure = customerProcedure
  .output(cartViewSchema)
  .query(({ ctx }) => getCart(ctx.db, { customerId: ctx.principal.userId }));
