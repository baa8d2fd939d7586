import { cartViewSchema } from "@niaga/contracts";
import { confirmCartPrices } from "@niaga/core/cart/cart.service";
import { customerProcedure } from "../../../trpc.ts";

/** The shopper accepts today's prices after a PriceChanged checkout error. */
export const confirmCartPricesProcedure = customerProcedure
  .output(cartViewSchema)
  .mutation(({ ctx }) => confirmCartPrices(ctx.db, { customerId: ctx.principal.userId }));
