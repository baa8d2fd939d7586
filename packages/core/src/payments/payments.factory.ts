import type { Config } from "@niaga/config";
import type { Database } from "@niaga/db";
import type { Kysely } from "kysely";
import { createMidtransProvider } from "./midtrans.provider.ts";
import type { PaymentProvider } from "./payment-provider.ts";
import { createSandboxProvider } from "./sandbox.provider.ts";
import { createStripeProvider } from "./stripe.provider.ts";

/**
 * The process's payment provider: Stripe when STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are
 * set, else Midtrans when MIDTRANS_SERVER_KEY is set, else the sandbox inside Niaga. A Stripe key
 * without its webhook secret is refused: payments could start but never be confirmed.
 */
export function createPaymentProvider(params: { config: Config; db: Kysely<Database> }): PaymentProvider {
  const { config, db } = params;
  if (config.STRIPE_SECRET_KEY || config.STRIPE_WEBHOOK_SECRET) {
    if (!config.STRIPE_SECRET_KEY || !config.STRIPE_WEBHOOK_SECRET) {
      throw new Error("Stripe needs both STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET");
    }
    return createStripeProvider({
      secretKey: config.STRIPE_SECRET_KEY,
      webhookSecret: config.STRIPE_WEBHOOK_SECRET,
      maxNetworkRetries: config.STRIPE_MAX_NETWORK_RETRIES,
      timeoutMs: config.STRIPE_TIMEOUT_MS,
    });
  }
  if (config.MIDTRANS_SERVER_KEY) {
    if (config.CURRENCY !== "IDR") {
      throw new Error(`MIDTRANS_SERVER_KEY needs CURRENCY=IDR (Midtrans charges rupiah), not ${config.CURRENCY}`);
    }
    return createMidtransProvider({
      serverKey: config.MIDTRANS_SERVER_KEY,
      snapBaseUrl: config.MIDTRANS_SNAP_BASE_URL.replace(/\/+$/, ""),
      apiBaseUrl: config.MIDTRANS_API_BASE_URL.replace(/\/+$/, ""),
      timeoutMs: config.MIDTRANS_TIMEOUT_MS,
    });
  }
  return createSandboxProvider(db);
}
