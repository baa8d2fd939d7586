// msw handlers shaped like Stripe's list endpoints (GET /v1/payment_intents, /v1/refunds,
// /v1/transfers) for reconciliation tests: `{ object: "list", data, has_more, url }`, newest first,
// `created[gte]` / `created[lt]` filters and `starting_after` paging, Stripe's error body on
// failure. Records are built with the helpers below.
import { HttpResponse, http } from "msw";

interface Listed {
  id: string;
  created: number;
}

/**
 * An msw handler for one of Stripe's list endpoints (GET /v1/<resource>): filters `created[gte]`
 * / `created[lt]`, newest first, pages with `starting_after` and answers
 * `{ object: "list", data, has_more, url }`. Pages hold at most two items, so every test pages.
 */
export function stripeListHandler<T extends Listed>(resource: string, items: () => T[], calls: string[] = []) {
  return http.get(`https://api.stripe.com/v1/${resource}`, ({ request }) => {
    const url = new URL(request.url);
    calls.push(url.search);
    if (request.headers.get("authorization") !== "Bearer sk_test_niaga_fake") {
      return HttpResponse.json(
        { error: { type: "invalid_request_error", message: "Invalid API Key" } },
        { status: 401 },
      );
    }
    const gte = Number(url.searchParams.get("created[gte]") ?? 0);
    const lt = Number(url.searchParams.get("created[lt]") ?? Number.MAX_SAFE_INTEGER);
    const after = url.searchParams.get("starting_after");
    const all = items()
      .filter((item) => item.created >= gte && item.created < lt)
      .sort((a, b) => b.created - a.created || (a.id < b.id ? 1 : -1));
    const start = after ? all.findIndex((item) => item.id === after) + 1 : 0;
    const size = Math.min(Number(url.searchParams.get("limit") ?? 10), 2);
    const data = all.slice(start, start + size);
    return HttpResponse.json({ object: "list", url: `/v1/${resource}`, has_more: start + size < all.length, data });
  });
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

export function stripeIntent(
  id: string,
  amount: number,
  status: "succeeded" | "canceled" | "requires_payment_method" = "succeeded",
) {
  return {
    id,
    object: "payment_intent",
    amount,
    amount_received: status === "succeeded" ? amount : 0,
    currency: "idr",
    status,
    metadata: {},
    created: nowSeconds(),
    livemode: false,
    last_payment_error: null,
    latest_charge: status === "succeeded" ? { id: `ch_${id}`, object: "charge", amount_refunded: 0 } : null,
  };
}

export function stripeRefund(id: string, paymentIntent: string, amount: number) {
  return {
    id,
    object: "refund",
    amount,
    currency: "idr",
    payment_intent: paymentIntent,
    status: "succeeded",
    created: nowSeconds(),
  };
}

export function stripeTransfer(id: string, amount: number, metadata: Record<string, string> = {}) {
  return {
    id,
    object: "transfer",
    amount,
    amount_reversed: 0,
    currency: "idr",
    created: nowSeconds(),
    destination: "acct_fake",
    metadata,
    reversed: false,
    transfer_group: null,
  };
}

/** Every Stripe list endpoint failing the way Stripe does on an outage (HTTP 500, api_error). */
export function stripeListsDown() {
  return http.get("https://api.stripe.com/v1/*", () =>
    HttpResponse.json({ error: { type: "api_error", message: "An unknown error occurred" } }, { status: 500 }),
  );
}
