// msw handlers shaped like Stripe's Transfers API (Connect "separate charges and transfers"):
// POST https://api.stripe.com/v1/transfers, form-encoded, `Authorization: Bearer sk_...`, an
// `Idempotency-Key` header whose replay answers the first result, and errors as
// `{ error: { type, code, message } }` with Stripe's HTTP statuses.
import { HttpResponse, http } from "msw";

export const FAKE_STRIPE_SECRET_KEY = "sk_test_niaga_fake";

/** ok: transfers succeed; declined: 400 balance_insufficient; server-error: 500; offline: the network fails. */
export type FakeStripeConnectMode = "ok" | "declined" | "server-error" | "offline";

export interface RecordedTransfer {
  idempotencyKey: string | null;
  amount: number;
  currency: string;
  destination: string;
  metadata: Record<string, string>;
  /** The transfer id answered, or null for an error. */
  transferId: string | null;
}

export interface FakeStripeConnect {
  handlers: ReturnType<typeof http.post>[];
  /** Every request that reached the fake, in order (replays included). */
  calls: RecordedTransfer[];
  /** Transfers actually created (one per idempotency key). */
  transfers: RecordedTransfer[];
  setMode(mode: FakeStripeConnectMode): void;
}

function stripeError(status: number, type: string, code: string, message: string) {
  return HttpResponse.json({ error: { type, code, message } }, { status });
}

/** A fake Stripe account: register `handlers` with the shared msw server (`mswServer.use(...)`). */
export function fakeStripeConnect(options: { mode?: FakeStripeConnectMode } = {}): FakeStripeConnect {
  let mode = options.mode ?? "ok";
  const calls: RecordedTransfer[] = [];
  const transfers: RecordedTransfer[] = [];
  const byKey = new Map<string, RecordedTransfer>();
  let counter = 0;
  const handler = http.post("https://api.stripe.com/v1/transfers", async ({ request }) => {
    if (mode === "offline") return HttpResponse.error();
    if (request.headers.get("authorization") !== `Bearer ${FAKE_STRIPE_SECRET_KEY}`) {
      return stripeError(401, "invalid_request_error", "api_key_invalid", "Invalid API Key provided");
    }
    const form = new URLSearchParams(await request.text());
    const metadata: Record<string, string> = {};
    for (const [key, value] of form) {
      const match = /^metadata\[(.+)\]$/.exec(key);
      if (match?.[1]) metadata[match[1]] = value;
    }
    const key = request.headers.get("idempotency-key");
    const call: RecordedTransfer = {
      idempotencyKey: key,
      amount: Number(form.get("amount")),
      currency: form.get("currency") ?? "",
      destination: form.get("destination") ?? "",
      metadata,
      transferId: null,
    };
    calls.push(call);
    const replay = key ? byKey.get(key) : undefined;
    if (mode === "server-error") {
      return stripeError(500, "api_error", "", "An unknown error occurred");
    }
    if (mode === "declined" && !replay) {
      return stripeError(
        400,
        "invalid_request_error",
        "balance_insufficient",
        "You have insufficient available funds in your Stripe account.",
      );
    }
    let created = replay;
    if (!created) {
      counter += 1;
      created = { ...call, transferId: `tr_fake_${counter}` };
      transfers.push(created);
      if (key) byKey.set(key, created);
    }
    call.transferId = created.transferId;
    return HttpResponse.json({
      id: created.transferId,
      object: "transfer",
      amount: created.amount,
      currency: created.currency,
      destination: created.destination,
      metadata: created.metadata,
      reversed: false,
      livemode: false,
      created: Math.floor(Date.now() / 1000),
    });
  });
  return {
    handlers: [handler],
    calls,
    transfers,
    setMode(next) {
      mode = next;
    },
  };
}
