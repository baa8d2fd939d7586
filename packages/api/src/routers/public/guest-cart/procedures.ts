import {
  cartViewSchema,
  guestAddToCartInputSchema,
  guestCartCreatedSchema,
  guestCartInputSchema,
  guestRemoveFromCartInputSchema,
  guestSetCartQuantityInputSchema,
} from "@niaga/contracts";
import { addToCart, getCart, newGuestToken, removeFromCart, setCartQuantity } from "@niaga/core/cart/cart.service";
import { publicProcedure } from "../../../trpc.ts";

// A shopper who has not signed in keeps a cart by a token only they hold; at sign-in the apps
// call customer.cart.mergeGuest with it.

export const createGuestCartProcedure = publicProcedure.output(guestCartCreatedSchema).mutation(async ({ ctx }) => {
  const guestToken = newGuestToken();
  return { guestToken, cart: await getCart(ctx.db, { guestToken }) };
});

export const getGuestCartProcedure = publicProcedure
  .input(guestCartInputSchema)
  .output(cartViewSchema)
  .query(({ ctx, input }) => getCart(ctx.db, { guestToken: input.guestToken }));

export const addToGuestCartProcedure = publicProcedure
  .input(guestAddToCartInputSchema)
  .output(cartViewSchema)
  .mutation(({ ctx, input }) => addToCart(ctx.db, { guestToken: input.guestToken }, input));

export const setGuestCartQuantityProcedure = publicProcedure
  .input(guestSetCartQuantityInputSchema)
  .output(cartViewSchema)
  .mutation(({ ctx, input }) => setCartQuantity(ctx.db, { guestToken: input.guestToken }, input));

export const removeFromGuestCartProcedure = publicProcedure
  .input(guestRemoveFromCartInputSchema)
  .output(cartViewSchema)
  .mutation(({ ctx, input }) => removeFromCart(ctx.db, { guestToken: input.guestToken }, input));
