import { z } from "zod";
import { entityIdSchema } from "./stores.ts";

export const PAYMENT_PURPOSES = ["checkout", "wallet_topup"] as const;
export const PAYMENT_PROVIDERS = ["sandbox", "stripe", "midtrans"] as const;
export const PAYMENT_STATUSES = [
  "pending",
  "succeeded",
  "failed",
  "cancelled",
  "refund_due",
  "refunded",
  "partially_refunded",
] as const;

export const startCheckoutPaymentInputSchema = z.object({ checkoutId: entityIdSchema });
export type StartCheckoutPaymentInput = z.infer<typeof startCheckoutPaymentInputSchema>;

export const getPaymentInputSchema = z.object({ id: entityIdSchema });

/** A wallet top-up, in the currency's minor units (at most 1,000,000,000.00). */
export const walletTopUpInputSchema = z.object({
  amount: z
    .number({ error: "Amount must be a number" })
    .int("Amount must be a whole number of minor units")
    .min(1, "Amount must be positive")
    .max(100_000_000_000, "Amount is too large"),
});
export type WalletTopUpInput = z.infer<typeof walletTopUpInputSchema>;

/**
 * A payment as its customer sees it: what to pay with (`clientSecret` for Stripe's client SDK,
 * `redirectUrl` for Midtrans Snap; both null in the sandbox) and how far it got.
 */
export const paymentViewSchema = z.object({
  id: z.string(),
  purpose: z.enum(PAYMENT_PURPOSES),
  referenceId: z.string(),
  provider: z.enum(PAYMENT_PROVIDERS),
  providerRef: z.string().nullable(),
  status: z.enum(PAYMENT_STATUSES),
  amount: z.number().int(),
  amountRefunded: z.number().int(),
  currency: z.string(),
  clientSecret: z.string().nullable(),
  redirectUrl: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type PaymentView = z.infer<typeof paymentViewSchema>;
