import { z } from "zod";
import { orderStatusSchema } from "./orders.ts";
import { entityIdSchema } from "./stores.ts";

/**
 * A client-chosen key that makes a retried checkout return the checkout it already created.
 * Generate one per "Place order" intent (a UUID is fine) and reuse it on retries.
 */
export const idempotencyKeySchema = z
  .string()
  .min(8, "Idempotency key must be at least 8 characters")
  .max(100, "Idempotency key must be at most 100 characters")
  .regex(/^[A-Za-z0-9._:-]+$/, "Idempotency key may use letters, digits and . _ : - only");

export const checkoutInputSchema = z.object({
  idempotencyKey: idempotencyKeySchema,
  addressId: entityIdSchema,
  /** One shipping choice per store in the cart. */
  shipping: z
    .array(
      z.object({
        storeId: entityIdSchema,
        courier: z.string().trim().min(1, "Courier is required").max(40),
        service: z.string().trim().min(1, "Service is required").max(60),
      }),
    )
    .min(1, "Choose a shipping service for each store")
    .max(50),
  couponCodes: z.array(z.string().trim().min(1).max(40)).max(5, "At most 5 coupon codes").default([]),
  /** Minor units to pay from the wallet (all or part of the grand total); the provider is asked for the rest. */
  walletAmount: z
    .number()
    .int("The wallet amount is a whole number of minor units")
    .min(0, "The wallet amount cannot be negative")
    .max(1_000_000_000_000)
    .default(0),
  /** Coins to redeem for a discount (capped at a share of the order; see the coins balance). */
  coins: z
    .number()
    .int("Coins must be a whole number")
    .min(0, "Coins cannot be negative")
    .max(1_000_000_000)
    .default(0),
});
export type CheckoutInput = z.infer<typeof checkoutInputSchema>;

export const CHECKOUT_STATUSES = ["pending_payment", "paid", "expired", "cancelled"] as const;
export const checkoutStatusSchema = z.enum(CHECKOUT_STATUSES);

export const checkoutOrderLineSchema = z.object({
  id: z.string(),
  variantId: z.string(),
  productId: z.string(),
  productTitle: z.string(),
  variantTitle: z.string(),
  sku: z.string(),
  unitPrice: z.number().int(),
  quantity: z.number().int(),
  lineTotal: z.number().int(),
});

export const checkoutOrderSchema = z.object({
  id: z.string(),
  number: z.string(),
  storeId: z.string(),
  storeName: z.string(),
  status: orderStatusSchema,
  subtotal: z.number().int(),
  shippingCost: z.number().int(),
  storeDiscount: z.number().int(),
  platformDiscount: z.number().int(),
  coinsDiscount: z.number().int(),
  total: z.number().int(),
  courier: z.string(),
  service: z.string(),
  lines: z.array(checkoutOrderLineSchema),
});

/** One checkout: one payment covering one order per store. Money in minor units. */
export const checkoutViewSchema = z.object({
  id: z.string(),
  status: checkoutStatusSchema,
  currency: z.string(),
  subtotal: z.number().int(),
  shippingTotal: z.number().int(),
  storeDiscountTotal: z.number().int(),
  platformDiscount: z.number().int(),
  coinsRedeemed: z.number().int(),
  coinsValue: z.number().int(),
  grandTotal: z.number().int(),
  /** Paid from the wallet; `grandTotal - walletAmount` is what the payment provider is asked for. */
  walletAmount: z.number().int(),
  couponCodes: z.array(z.string()),
  expiresAt: z.date(),
  paidAt: z.date().nullable(),
  createdAt: z.date(),
  orders: z.array(checkoutOrderSchema),
});
export type CheckoutView = z.infer<typeof checkoutViewSchema>;

export const getCheckoutInputSchema = z.object({ id: entityIdSchema });
