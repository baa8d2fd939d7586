// msw handlers shaped like Stripe's REST API (v1): form-encoded requests with a bearer secret key,
// JSON answers, errors as `{ error: { type, code, message, ... } }` with Stripe's status codes
// (402 card_error, 401 authentication, 500 api_error), and Idempotency-Key honoured the way Stripe
// does (the same key replays the first answer). Webhook payloads come from `stripeEvent`; tests
// sign them with the SDK's own `Stripe.webhooks.generateTestHeaderString`.
import { randomBytes } from "node:crypto";
import { delay, HttpResponse, http } from "msw";

export const FAKE_STRIPE_KEY = "sk_test_niaga_fake";
export const FAKE_STRIPE_WEBHOOK_SECRET = "whsec_niaga_fake_secret";
const BASE = "https://api.stripe.com";

export type FakeStripeMode = "ok" | "card-declined" | "server-error" | "timeout" | "offline";

export interface FakeIntent {
  id: string;
  object: "payment_intent";
  amount: number;
  amount_received: number;
  currency: string;
  status: "requires_payment_method" | "succeeded" | "canceled";
  client_secret: string;
  description: string | null;
  metadata: Record<string, string>;
  created: number;
  livemode: false;
  latest_charge: string | null;
  last_payment_error: { code: string; message: string } | null;
}

export interface FakeStripeCall {
  method: string;
  path: string;
  form: Record<string, string>;
  idempotencyKey: string | null;
  authorized: boolean;
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;
const now = () => Math.floor(Date.now() / 1000);

const stripeError = (status: number, error: Record<string, unknown>) =>
  HttpResponse.json(
    { error: { request_log_url: "https://dashboard.stripe.com/test/logs/req_fake", ...error } },
    { status },
  );

/** A Stripe event object for a webhook body (JSON.stringify it, then sign the exact string). */
export function stripeEvent(type: string, object: Record<string, unknown>) {
  return {
    id: id("evt"),
    object: "event",
    api_version: "2025-01-27.acacia",
    created: now(),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  };
}

/** The fake Stripe: handlers, every call received, the intents it holds, and a switchable failure mode. */
export function fakeStripe(options: { mode?: FakeStripeMode; delayMs?: number } = {}) {
  const state = { mode: options.mode ?? "ok" };
  const calls: FakeStripeCall[] = [];
  const intents = new Map<string, FakeIntent>();
  const refunds = new Map<string, Record<string, unknown>>();
  const replays = new Map<string, unknown>();

  async function guard(request: Request, path: string): Promise<{ response?: Response; form: Record<string, string> }> {
    const form = request.method === "GET" ? {} : Object.fromEntries(new URLSearchParams(await request.text()));
    const authorized = request.headers.get("authorization") === `Bearer ${FAKE_STRIPE_KEY}`;
    calls.push({
      method: request.method,
      path,
      form,
      idempotencyKey: request.headers.get("idempotency-key"),
      authorized,
    });
    if (state.mode === "timeout") await delay(options.delayMs ?? 30_000);
    if (state.mode === "offline") return { response: HttpResponse.error(), form };
    if (state.mode === "server-error") {
      return { response: stripeError(500, { type: "api_error", message: "An unknown error occurred" }), form };
    }
    if (!authorized) {
      return {
        response: stripeError(401, {
          type: "invalid_request_error",
          message: "Invalid API Key provided: sk_test_****",
        }),
        form,
      };
    }
    return { form };
  }

  /** Stripe replays the first answer to a reused Idempotency-Key. */
  function idempotent(request: Request, make: () => unknown) {
    const key = request.headers.get("idempotency-key");
    if (key && replays.has(key))
      return HttpResponse.json(replays.get(key) as object, { headers: { "idempotent-replayed": "true" } });
    const body = make();
    if (key) replays.set(key, body);
    return HttpResponse.json(body as object);
  }

  const handlers = [
    http.post(`${BASE}/v1/payment_intents`, async ({ request }) => {
      const { response, form } = await guard(request, "/v1/payment_intents");
      if (response) return response;
      if (state.mode === "card-declined") {
        return stripeError(402, {
          type: "card_error",
          code: "card_declined",
          decline_code: "generic_decline",
          message: "Your card was declined.",
          param: "payment_method",
        });
      }
      return idempotent(request, () => {
        const intentId = id("pi");
        const metadata = Object.fromEntries(
          Object.entries(form)
            .filter(([key]) => key.startsWith("metadata["))
            .map(([key, value]) => [key.slice(9, -1), value]),
        );
        const intent: FakeIntent = {
          id: intentId,
          object: "payment_intent",
          amount: Number(form.amount),
          amount_received: 0,
          currency: form.currency ?? "idr",
          status: "requires_payment_method",
          client_secret: `${intentId}_secret_${randomBytes(8).toString("hex")}`,
          description: form.description ?? null,
          metadata,
          created: now(),
          livemode: false,
          latest_charge: null,
          last_payment_error: null,
        };
        intents.set(intentId, intent);
        return intent;
      });
    }),
    http.post(`${BASE}/v1/refunds`, async ({ request }) => {
      const { response, form } = await guard(request, "/v1/refunds");
      if (response) return response;
      const intent = intents.get(form.payment_intent ?? "");
      if (!intent) {
        return stripeError(400, {
          type: "invalid_request_error",
          code: "resource_missing",
          message: `No such payment_intent: '${form.payment_intent}'`,
        });
      }
      return idempotent(request, () => {
        const refund = {
          id: id("re"),
          object: "refund",
          amount: Number(form.amount ?? intent.amount_received),
          currency: intent.currency,
          payment_intent: intent.id,
          status: "succeeded",
          created: now(),
          metadata: {},
        };
        refunds.set(refund.id, refund);
        return refund;
      });
    }),
    http.get(`${BASE}/v1/payment_intents`, async ({ request }) => {
      const { response } = await guard(request, "/v1/payment_intents");
      if (response) return response;
      return HttpResponse.json({
        object: "list",
        url: "/v1/payment_intents",
        has_more: false,
        data: [...intents.values()],
      });
    }),
    http.get(`${BASE}/v1/refunds`, async ({ request }) => {
      const { response } = await guard(request, "/v1/refunds");
      if (response) return response;
      return HttpResponse.json({ object: "list", url: "/v1/refunds", has_more: false, data: [...refunds.values()] });
    }),
  ];

  return {
    handlers,
    calls,
    intents,
    refunds,
    setMode: (mode: FakeStripeMode) => {
      state.mode = mode;
    },
    /** Confirms an intent as the customer's card would, returning its `payment_intent.succeeded` event. */
    succeed(intentId: string) {
      const intent = intents.get(intentId);
      if (!intent) throw new Error(`fake Stripe has no intent ${intentId}`);
      intent.status = "succeeded";
      intent.amount_received = intent.amount;
      intent.latest_charge = id("ch");
      return stripeEvent("payment_intent.succeeded", { ...intent });
    },
    /** A declined confirmation: the `payment_intent.payment_failed` event. */
    fail(intentId: string) {
      const intent = intents.get(intentId);
      if (!intent) throw new Error(`fake Stripe has no intent ${intentId}`);
      intent.last_payment_error = { code: "card_declined", message: "Your card was declined." };
      return stripeEvent("payment_intent.payment_failed", { ...intent });
    },
  };
}
