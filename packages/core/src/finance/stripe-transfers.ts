import Stripe from "stripe";
import type { StripeClientSettings } from "../payments/stripe-client.ts";
import { createStripeClient } from "../payments/stripe-client.ts";

// Stripe Connect "separate charges and transfers": the platform collected the buyer's money on
// its own account; a payout is a Transfer from the platform's balance to the seller's connected
// account (POST /v1/transfers). This file is the only one that speaks to Stripe for payouts.

/** What a transfer attempt came to: sent, refused for good, or unknown (retry with the same key). */
export type TransferOutcome =
  | { status: "sent"; transferId: string }
  | { status: "declined"; reason: string }
  | { status: "unavailable"; reason: string };

export interface PayoutTransfers {
  /** Sends `amount` minor units to `destination`; the idempotency key makes a retry send nothing twice. */
  transfer(params: {
    amount: number;
    currency: string;
    destination: string;
    idempotencyKey: string;
    metadata: Record<string, string>;
  }): Promise<TransferOutcome>;
}

export type StripeTransferSettings = StripeClientSettings;

/** Payout transfers through the official SDK; null when STRIPE_SECRET_KEY is unset (payouts are marked paid by hand). */
export function stripePayoutTransfers(settings: Partial<StripeTransferSettings> & { secretKey?: string | undefined }) {
  if (!settings.secretKey) return null;
  const stripe = createStripeClient({
    secretKey: settings.secretKey,
    maxNetworkRetries: settings.maxNetworkRetries ?? 2,
    timeoutMs: settings.timeoutMs ?? 20_000,
  });
  const transfers: PayoutTransfers = {
    async transfer(params) {
      try {
        const transfer = await stripe.transfers.create(
          {
            amount: params.amount,
            currency: params.currency.toLowerCase(),
            destination: params.destination,
            metadata: params.metadata,
          },
          { idempotencyKey: params.idempotencyKey },
        );
        return { status: "sent", transferId: transfer.id };
      } catch (error) {
        return classify(error);
      }
    },
  };
  return transfers;
}

/**
 * A 4xx answer (invalid request, a connected account that cannot receive, the platform balance
 * short) is Stripe refusing the transfer: nothing moved. A connection error, a timeout, a 429 or
 * a 5xx leaves it unknown whether the transfer exists, so the payout stays approved and is
 * retried with the same idempotency key, which Stripe answers with the first result.
 */
function classify(error: unknown): TransferOutcome {
  if (error instanceof Stripe.errors.StripeError) {
    const status = error.statusCode ?? 0;
    const definitive =
      status >= 400 &&
      status < 500 &&
      status !== 429 &&
      !(error instanceof Stripe.errors.StripeIdempotencyError) &&
      !(error instanceof Stripe.errors.StripeAuthenticationError);
    if (definitive) return { status: "declined", reason: error.message || error.type };
    return { status: "unavailable", reason: error.message || error.type };
  }
  return { status: "unavailable", reason: error instanceof Error ? error.message : String(error) };
}

const byConfig = new WeakMap<object, PayoutTransfers | null>();

/** The payout transfers for this configuration (one SDK client per config object), or null without Stripe. */
export function payoutTransfersFor(config: {
  STRIPE_SECRET_KEY?: string | undefined;
  STRIPE_MAX_NETWORK_RETRIES: number;
  STRIPE_TIMEOUT_MS: number;
}): PayoutTransfers | null {
  if (!byConfig.has(config)) {
    byConfig.set(
      config,
      stripePayoutTransfers({
        secretKey: config.STRIPE_SECRET_KEY,
        maxNetworkRetries: config.STRIPE_MAX_NETWORK_RETRIES,
        timeoutMs: config.STRIPE_TIMEOUT_MS,
      }),
    );
  }
  return byConfig.get(config) ?? null;
}
