import type Stripe from "stripe";
import type {
  GatewayPaymentRecord,
  GatewayRefundRecord,
  NormalizedPaymentEvent,
  PaymentProvider,
  RefundResult,
} from "./payment-provider.ts";
import { PaymentDeclinedError, PaymentUnavailableError, WebhookSignatureError } from "./payment-provider.ts";
import type { StripeClientSettings } from "./stripe-client.ts";
import { createStripeClient } from "./stripe-client.ts";

export interface StripeSettings extends StripeClientSettings {
  webhookSecret: string;
}

/** Most records one reconciliation window reads from a list API (a runaway guard, not a page size). */
const LIST_LIMIT = 10_000;

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** Maps an SDK error to a typed domain error: a declined card is the customer's to fix, the rest is retryable. */
function gatewayError(error: unknown): Error {
  const typed = error as { type?: string; code?: string; decline_code?: string; message?: string; statusCode?: number };
  if (typed?.type === "StripeCardError") {
    return new PaymentDeclinedError(
      typed.decline_code ?? typed.code ?? "card_declined",
      typed.message ?? "Card declined",
    );
  }
  if (typed?.type === "StripeConnectionError")
    return new PaymentUnavailableError("stripe", "Stripe could not be reached");
  return new PaymentUnavailableError(
    "stripe",
    typed?.statusCode ? `Stripe failed (HTTP ${typed.statusCode})` : "Stripe failed",
    typed?.message,
  );
}

async function call<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw gatewayError(error);
  }
}

const intentRef = (value: string | { id: string } | null) => (typeof value === "string" ? value : (value?.id ?? null));

function normalize(event: Stripe.Event): NormalizedPaymentEvent[] {
  switch (event.type) {
    case "payment_intent.succeeded":
      return [
        {
          eventId: event.id,
          type: "succeeded",
          providerRef: event.data.object.id,
          amount: event.data.object.amount_received,
        },
      ];
    case "payment_intent.payment_failed":
      return [
        { eventId: event.id, type: "failed", providerRef: event.data.object.id, amount: event.data.object.amount },
      ];
    case "payment_intent.canceled":
      return [
        { eventId: event.id, type: "cancelled", providerRef: event.data.object.id, amount: event.data.object.amount },
      ];
    case "charge.refunded": {
      const ref = intentRef(event.data.object.payment_intent);
      return ref
        ? [{ eventId: event.id, type: "refunded", providerRef: ref, amount: event.data.object.amount_refunded }]
        : [];
    }
    default:
      return [];
  }
}

function intentStatus(intent: Stripe.PaymentIntent, refunded: number): GatewayPaymentRecord["status"] {
  if (intent.status === "succeeded") {
    if (refunded >= intent.amount_received && refunded > 0) return "refunded";
    return refunded > 0 ? "partially_refunded" : "succeeded";
  }
  if (intent.status === "canceled") return "cancelled";
  if (intent.status === "requires_payment_method" && intent.last_payment_error) return "failed";
  return "pending";
}

const refundStatus = (status: string | null): RefundResult["status"] =>
  status === "succeeded" ? "succeeded" : status === "failed" || status === "canceled" ? "failed" : "pending";

/**
 * Stripe through its official SDK: a PaymentIntent per payment (idempotency key from the
 * payment id, so a retried "pay" gets the same intent), refunds through the Refunds API, and
 * webhooks verified with `constructEvent` on the raw body.
 */
export function createStripeProvider(settings: StripeSettings): PaymentProvider {
  const stripe = createStripeClient(settings);
  return {
    name: "stripe",
    async createPayment(input) {
      const intent = await call(() =>
        stripe.paymentIntents.create(
          {
            amount: input.amount,
            currency: input.currency.toLowerCase(),
            description: input.description,
            metadata: input.metadata,
            automatic_payment_methods: { enabled: true },
            ...(input.customerEmail && { receipt_email: input.customerEmail }),
          },
          { idempotencyKey: input.idempotencyKey },
        ),
      );
      return { providerRef: intent.id, clientSecret: intent.client_secret, redirectUrl: null };
    },
    async refund(input) {
      const refund = await call(() =>
        stripe.refunds.create(
          { payment_intent: input.providerRef, amount: input.amount, metadata: { reason: input.reason ?? "" } },
          { idempotencyKey: input.idempotencyKey },
        ),
      );
      return { refundRef: refund.id, status: refundStatus(refund.status) };
    },
    async parseWebhook(rawBody, headers) {
      const signature = headers.get("stripe-signature");
      if (!signature) throw new WebhookSignatureError("Missing Stripe-Signature header");
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(rawBody, signature, settings.webhookSecret);
      } catch (error) {
        throw new WebhookSignatureError(error instanceof Error ? error.message : "Bad Stripe signature");
      }
      return normalize(event);
    },
    async listPayments(window) {
      const intents = await call(() =>
        stripe.paymentIntents
          .list({
            created: { gte: seconds(window.from), lt: seconds(window.to) },
            limit: 100,
            expand: ["data.latest_charge"],
          })
          .autoPagingToArray({ limit: LIST_LIMIT }),
      );
      return intents.map((intent): GatewayPaymentRecord => {
        const charge = typeof intent.latest_charge === "object" ? intent.latest_charge : null;
        const refunded = charge?.amount_refunded ?? 0;
        return {
          providerRef: intent.id,
          status: intentStatus(intent, refunded),
          amount: intent.amount,
          amountRefunded: refunded,
          currency: intent.currency.toUpperCase(),
          createdAt: new Date(intent.created * 1000),
        };
      });
    },
    async listRefunds(window) {
      const refunds = await call(() =>
        stripe.refunds
          .list({ created: { gte: seconds(window.from), lt: seconds(window.to) }, limit: 100 })
          .autoPagingToArray({ limit: LIST_LIMIT }),
      );
      return refunds.flatMap((refund): GatewayRefundRecord[] => {
        const ref = intentRef(refund.payment_intent);
        if (!ref) return [];
        return [
          {
            refundRef: refund.id,
            providerRef: ref,
            amount: refund.amount,
            status: refundStatus(refund.status),
            createdAt: new Date(refund.created * 1000),
          },
        ];
      });
    },
  };
}
