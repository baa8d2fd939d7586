import { createHash } from "node:crypto";
import { minorUnitsFromDecimal } from "../shared/money.ts";
import type {
  GatewayPaymentRecord,
  GatewayRefundRecord,
  NormalizedPaymentEvent,
  PaymentProvider,
} from "./payment-provider.ts";
import { PaymentUnavailableError, WebhookSignatureError } from "./payment-provider.ts";

export interface MidtransSettings {
  serverKey: string;
  /** https://app.sandbox.midtrans.com or https://app.midtrans.com */
  snapBaseUrl: string;
  /** https://api.sandbox.midtrans.com or https://api.midtrans.com */
  apiBaseUrl: string;
  timeoutMs: number;
}

// Midtrans prices in whole rupiah; Niaga's IDR minor unit is the sen (exponent 2), so Rp 10.000
// is 1_000_000 minor units. Amounts that are not whole rupiah cannot be charged there.
const toRupiah = (minor: number) => {
  if (minor % 100 !== 0) throw new RangeError(`Midtrans charges whole rupiah; ${minor} minor units is not`);
  return minor / 100;
};
const fromRupiah = (gross: string | number) => minorUnitsFromDecimal(gross, 2);
/** Midtrans times are Jakarta wall-clock time ("2026-11-24 10:00:00"). */
const jakartaTime = (value: string | undefined) =>
  value ? new Date(`${value.replace(" ", "T")}+07:00`) : new Date(Number.NaN);

/** The notification's signature: sha512(order_id + status_code + gross_amount + server key), hex. */
export function midtransSignature(params: {
  orderId: string;
  statusCode: string;
  grossAmount: string;
  serverKey: string;
}): string {
  return createHash("sha512")
    .update(`${params.orderId}${params.statusCode}${params.grossAmount}${params.serverKey}`)
    .digest("hex");
}

interface MidtransBody {
  status_code?: string;
  status_message?: string;
  error_messages?: string[];
  token?: string;
  redirect_url?: string;
  transaction_status?: string;
  gross_amount?: string;
  currency?: string;
  transaction_time?: string;
  fraud_status?: string;
  refund_key?: string;
  refund_amount?: string;
  refunds?: {
    refund_key?: string;
    refund_chargeback_id?: number | string;
    refund_amount: string;
    created_at?: string;
  }[];
}

const isTimeout = (error: unknown) =>
  error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");

/** Maps a notification's transaction_status (and fraud_status) to Niaga's event type; null to ignore. */
function eventType(body: MidtransBody): NormalizedPaymentEvent["type"] | null {
  switch (body.transaction_status) {
    case "settlement":
      return "succeeded";
    case "capture":
      // A card capture flagged "challenge" waits for a later decision.
      return body.fraud_status && body.fraud_status !== "accept" ? null : "succeeded";
    case "deny":
      return "failed";
    case "cancel":
    case "expire":
      return "cancelled";
    case "refund":
    case "partial_refund":
      return "refunded";
    default:
      return null;
  }
}

function recordStatus(body: MidtransBody): GatewayPaymentRecord["status"] {
  const type = eventType(body);
  if (body.transaction_status === "partial_refund") return "partially_refunded";
  if (type === "refunded") return "refunded";
  return type ?? "pending";
}

/**
 * Midtrans Snap: a Snap transaction per payment (order_id = Niaga's payment id), HTTP
 * notifications whose signature key is checked, refunds through the Core API. Midtrans has no
 * list API, so reconciliation asks GET /v2/{order_id}/status for each payment Niaga knows in
 * the window (payments missing on Niaga's side cannot be discovered this way).
 */
export function createMidtransProvider(settings: MidtransSettings): PaymentProvider {
  const auth = `Basic ${Buffer.from(`${settings.serverKey}:`).toString("base64")}`;

  async function request(url: string, init: { method: "GET" | "POST"; body?: unknown; idempotencyKey?: string }) {
    let response: Response;
    try {
      response = await fetch(url, {
        method: init.method,
        headers: {
          authorization: auth,
          accept: "application/json",
          ...(init.body !== undefined && { "content-type": "application/json" }),
          ...(init.idempotencyKey && { "idempotency-key": init.idempotencyKey }),
        },
        ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
    } catch (error) {
      throw new PaymentUnavailableError(
        "midtrans",
        isTimeout(error) ? `Midtrans did not answer within ${settings.timeoutMs} ms` : "Midtrans could not be reached",
        String(error),
      );
    }
    const text = await response.text().catch(() => "");
    if (response.status >= 500) {
      throw new PaymentUnavailableError("midtrans", `Midtrans failed (HTTP ${response.status})`, text.slice(0, 200));
    }
    let body: MidtransBody;
    try {
      body = JSON.parse(text) as MidtransBody;
    } catch {
      throw new PaymentUnavailableError("midtrans", `Midtrans answered unreadably (HTTP ${response.status})`);
    }
    if (response.status === 401 || body.status_code === "401") {
      throw new PaymentUnavailableError(
        "midtrans",
        "Midtrans refused the server key (HTTP 401)",
        body.error_messages?.join("; "),
      );
    }
    return { status: response.status, body };
  }

  const statusOf = (orderId: string) =>
    request(`${settings.apiBaseUrl}/v2/${encodeURIComponent(orderId)}/status`, { method: "GET" });

  return {
    name: "midtrans",
    async createPayment(input) {
      const { status, body } = await request(`${settings.snapBaseUrl}/snap/v1/transactions`, {
        method: "POST",
        idempotencyKey: input.idempotencyKey,
        body: {
          transaction_details: { order_id: input.paymentId, gross_amount: toRupiah(input.amount) },
          ...(input.customerEmail && { customer_details: { email: input.customerEmail } }),
          custom_field1: input.metadata.purpose ?? "",
          custom_field2: input.metadata.reference ?? "",
        },
      });
      if (status >= 400 || !body.token) {
        const reason = body.error_messages?.join("; ") || `HTTP ${status}`;
        throw new PaymentUnavailableError("midtrans", `Midtrans refused the transaction (${reason})`, reason);
      }
      return { providerRef: input.paymentId, clientSecret: body.token, redirectUrl: body.redirect_url ?? null };
    },
    async refund(input) {
      const { status, body } = await request(
        `${settings.apiBaseUrl}/v2/${encodeURIComponent(input.providerRef)}/refund`,
        {
          method: "POST",
          body: { refund_key: input.idempotencyKey, amount: toRupiah(input.amount), reason: input.reason ?? "refund" },
        },
      );
      if (status >= 400 || (body.status_code && body.status_code !== "200")) {
        const reason = body.status_message ?? `HTTP ${status}`;
        throw new PaymentUnavailableError("midtrans", `Midtrans refused the refund (${reason})`, reason);
      }
      return { refundRef: body.refund_key ?? input.idempotencyKey, status: "succeeded" };
    },
    async parseWebhook(rawBody) {
      let body: MidtransBody & { order_id?: string; signature_key?: string; transaction_id?: string };
      try {
        body = JSON.parse(rawBody);
      } catch {
        throw new WebhookSignatureError("Midtrans notification is not JSON");
      }
      const { order_id: orderId, status_code: statusCode, gross_amount: grossAmount, signature_key: signature } = body;
      if (!orderId || !statusCode || !grossAmount || !signature) {
        throw new WebhookSignatureError(
          "Midtrans notification lacks order_id, status_code, gross_amount or signature_key",
        );
      }
      const expected = midtransSignature({ orderId, statusCode, grossAmount, serverKey: settings.serverKey });
      if (expected !== signature.toLowerCase()) throw new WebhookSignatureError("Bad Midtrans signature_key");
      const type = eventType(body);
      if (!type) return [];
      const amount = type === "refunded" ? fromRupiah(body.refund_amount ?? grossAmount) : fromRupiah(grossAmount);
      // Midtrans repeats a notification until it is acknowledged: the same transaction and status is one event.
      const eventId = [body.transaction_id ?? orderId, body.transaction_status, type === "refunded" ? amount : ""].join(
        ":",
      );
      return [{ eventId, type, providerRef: orderId, amount }];
    },
    async listPayments(window) {
      const records: GatewayPaymentRecord[] = [];
      for (const ref of window.providerRefs ?? []) {
        const { body } = await statusOf(ref);
        if (body.status_code === "404" || !body.gross_amount) continue;
        const refunded = body.refund_amount ? fromRupiah(body.refund_amount) : 0;
        records.push({
          providerRef: ref,
          status: recordStatus(body),
          amount: fromRupiah(body.gross_amount),
          amountRefunded: refunded,
          currency: body.currency ?? "IDR",
          createdAt: jakartaTime(body.transaction_time),
        });
      }
      return records;
    },
    async listRefunds(window) {
      const records: GatewayRefundRecord[] = [];
      for (const ref of window.providerRefs ?? []) {
        const { body } = await statusOf(ref);
        for (const refund of body.refunds ?? []) {
          records.push({
            refundRef: refund.refund_key ?? String(refund.refund_chargeback_id ?? ""),
            providerRef: ref,
            amount: fromRupiah(refund.refund_amount),
            status: "succeeded",
            createdAt: jakartaTime(refund.created_at),
          });
        }
      }
      return records;
    },
  };
}
