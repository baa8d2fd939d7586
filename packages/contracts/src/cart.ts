import { z } from "zod";
import { entityIdSchema } from "./stores.ts";

/** A guest cart's bearer token, as handed out by `public.guestCart.create`. */
export const guestTokenSchema = z.string().regex(/^gc_[A-Za-z0-9_-]{32}$/, "Not a guest cart token");

const quantitySchema = z
  .number()
  .int("Quantity must be a whole number")
  .min(1, "Quantity must be at least 1")
  .max(999, "Quantity must be at most 999");

export const addToCartInputSchema = z.object({ variantId: entityIdSchema, quantity: quantitySchema.default(1) });
export type AddToCartInput = z.infer<typeof addToCartInputSchema>;
export const setCartQuantityInputSchema = z.object({ variantId: entityIdSchema, quantity: quantitySchema });
export const removeFromCartInputSchema = z.object({ variantId: entityIdSchema });

export const guestCartInputSchema = z.object({ guestToken: guestTokenSchema });
export const guestAddToCartInputSchema = addToCartInputSchema.extend({ guestToken: guestTokenSchema });
export const guestSetCartQuantityInputSchema = setCartQuantityInputSchema.extend({ guestToken: guestTokenSchema });
export const guestRemoveFromCartInputSchema = removeFromCartInputSchema.extend({ guestToken: guestTokenSchema });
export const mergeGuestCartInputSchema = guestCartInputSchema;

export const cartLineSchema = z.object({
  variantId: z.string(),
  productId: z.string(),
  productTitle: z.string(),
  productSlug: z.string(),
  variantTitle: z.string(),
  sku: z.string(),
  imageUrl: z.string().nullable(),
  storeId: z.string(),
  storeName: z.string(),
  quantity: z.number().int(),
  /** Today's price, in minor units. */
  unitPrice: z.number().int(),
  /** The price the shopper last saw or confirmed; checkout refuses when it differs from today's. */
  seenUnitPrice: z.number().int(),
  lineTotal: z.number().int(),
  available: z.number().int(),
  priceChanged: z.boolean(),
  stockShort: z.boolean(),
  purchasable: z.boolean(),
});
export type CartLine = z.infer<typeof cartLineSchema>;

export const cartViewSchema = z.object({
  lines: z.array(cartLineSchema),
  stores: z.array(
    z.object({
      storeId: z.string(),
      storeName: z.string(),
      storeSlug: z.string(),
      subtotal: z.number().int(),
      weightGrams: z.number().int(),
      itemCount: z.number().int(),
    }),
  ),
  subtotal: z.number().int(),
  itemCount: z.number().int(),
  /** True when a line's price changed, its stock ran short, or it can no longer be bought. */
  hasIssues: z.boolean(),
});
export type CartView = z.infer<typeof cartViewSchema>;

export const guestCartCreatedSchema = z.object({ guestToken: z.string(), cart: cartViewSchema });
