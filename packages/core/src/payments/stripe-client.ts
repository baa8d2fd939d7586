import Stripe from "stripe";

/** How Niaga talks to Stripe (config STRIPE_SECRET_KEY, STRIPE_MAX_NETWORK_RETRIES, STRIPE_TIMEOUT_MS). */
export interface StripeClientSettings {
  secretKey: string;
  maxNetworkRetries: number;
  timeoutMs: number;
}

/**
 * The one place a Stripe SDK client is built (payments, payout transfers, reconciliation), so
 * retries and timeouts are the same wherever Niaga calls Stripe. Retries reuse each call's
 * idempotency key, so they never charge or pay twice.
 */
export function createStripeClient(settings: StripeClientSettings): Stripe {
  return new Stripe(settings.secretKey, {
    maxNetworkRetries: settings.maxNetworkRetries,
    timeout: settings.timeoutMs,
  });
}
