import type { PaymentEventType, PaymentProviderName } from "@niaga/db";
import { DomainError } from "../shared/errors.ts";

// One interface for every way money comes in (the sandbox, Stripe, Midtrans). Amounts are the
// marketplace currency's minor units; each adapter converts to what its gateway expects.

export interface CreatePaymentInput {
  paymentId: string;
  amount: number;
  currency: string;
  description: string;
  customerEmail: string | null;
  /** The same key for every retry of this payment: the gateway creates it once. */
  idempotencyKey: string;
  metadata: Record<string, string>;
}

export interface CreatedPayment {
  /** The gateway's id (PaymentIntent id, Midtrans order id, "sbx_..."). */
  providerRef: string;
  /** What the client confirms with (Stripe); never a secret key. */
  clientSecret?: string | null;
  /** Where the client pays (Midtrans Snap). */
  redirectUrl?: string | null;
}

export interface RefundResult {
  refundRef: string;
  status: "succeeded" | "pending" | "failed";
}

/** A gateway event, reduced to what Niaga acts on. */
export interface NormalizedPaymentEvent {
  /** Unique per provider: the same event delivered twice has the same id. */
  eventId: string;
  type: PaymentEventType;
  providerRef: string;
  /** Minor units (the refunded total for "refunded"); null when the gateway did not say. */
  amount: number | null;
}

/** A payment as the gateway records it, for reconciliation. */
export interface GatewayPaymentRecord {
  providerRef: string;
  status: "pending" | "succeeded" | "failed" | "cancelled" | "refunded" | "partially_refunded";
  amount: number;
  amountRefunded: number;
  currency: string;
  createdAt: Date;
}

/** A refund as the gateway records it, for reconciliation. */
export interface GatewayRefundRecord {
  refundRef: string;
  providerRef: string;
  amount: number;
  status: "succeeded" | "pending" | "failed";
  createdAt: Date;
}

export interface ListWindow {
  from: Date;
  to: Date;
  /**
   * The payments Niaga knows in the window. Gateways without a list API (Midtrans) are asked
   * about these one by one; Stripe lists the window itself and ignores them.
   */
  providerRefs?: readonly string[];
}

export interface PaymentProvider {
  readonly name: PaymentProviderName;
  createPayment(input: CreatePaymentInput): Promise<CreatedPayment>;
  refund(input: {
    providerRef: string;
    amount: number;
    idempotencyKey: string;
    reason?: string;
  }): Promise<RefundResult>;
  /**
   * Verifies and normalizes a webhook from its RAW body. Throws WebhookSignatureError when the
   * signature is bad; events Niaga does not act on come back as an empty list.
   */
  parseWebhook(rawBody: string, headers: Headers): Promise<NormalizedPaymentEvent[]>;
  listPayments(window: ListWindow): Promise<GatewayPaymentRecord[]>;
  listRefunds(window: ListWindow): Promise<GatewayRefundRecord[]>;
}

/** A webhook whose signature does not verify: answered with 400 and never stored. */
export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookSignatureError";
  }
}

/** The gateway failed or could not be reached; safe to retry (the idempotency key holds). */
export class PaymentUnavailableError extends DomainError {
  readonly detail: string | undefined;
  constructor(provider: string, message: string, detail?: string) {
    super("UNAVAILABLE", `The payment provider is unavailable right now: ${message}`);
    this.name = "PaymentUnavailableError";
    this.detail = detail ? `${provider}: ${detail}` : undefined;
  }
}

/** The gateway refused the request for a reason the customer can act on (e.g. a declined card). */
export class PaymentDeclinedError extends DomainError {
  readonly declineCode: string;
  constructor(declineCode: string, message: string) {
    super("INVALID", message, { payment: [message] });
    this.name = "PaymentDeclinedError";
    this.declineCode = declineCode;
  }
}
