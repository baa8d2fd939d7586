import { cartViewSchema, mergeGuestCartInputSchema } from "@niaga/contracts";
import { mergeGuestCart } from "@niaga/core/cart/cart.service";
import { customerProcedure } from "../../../trpc.ts";

/** Called by the apps right after sign-in with the guest token they kept. */
export const mergeGuestCartProcedure = customerProcedure
  .input(mergeGuestCartInputSchema)
  .output(cartViewSchema)
  .mutation(({ ctx, input }) =>
    mergeGuestCart(ctx.db, { customerId: ctx.principal.userId, guestToken: input.guestToken }),
  );
