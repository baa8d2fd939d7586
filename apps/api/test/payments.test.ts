import type { CheckoutDeps } from "@niaga/core/checkout/checkout.service";
import { checkLedgerInvariants } from "@niaga/core/ledger/ledger.invariants";
import { processPendingPaymentEvents } from "@niaga/core/payments/payment-sweep";
import { mswServer } from "@niaga/testing/msw-setup";
import { FAKE_STRIPE_KEY, FAKE_STRIPE_WEBHOOK_SECRET, fakeStripe } from "@niaga/testing/stripe";
import Stripe from "stripe";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { checkoutDeps } from "../../../packages/core/test/support/checkout-fixtures.ts";
import { placedCheckout } from "../../../packages/core/test/support/payment-fixtures.ts";
import { codeOf } from "./support/errors.ts";
import type { TestApi } from "./support/harness.ts";
import { startTestApi } from "./support/harness.ts";

let api: TestApi;
let deps: CheckoutDeps;
let stripe: ReturnType<typeof fakeStripe>;
beforeAll(async () => {
  api = await startTestApi({
    STRIPE_SECRET_KEY: FAKE_STRIPE_KEY,
    STRIPE_WEBHOOK_SECRET: FAKE_STRIPE_WEBHOOK_SECRET,
    STRIPE_MAX_NETWORK_RETRIES: "0",
  });
  deps = await checkoutDeps(api.database.db);
});
beforeEach(() => {
  stripe = fakeStripe();
  mswServer.use(...stripe.handlers);
});
afterEach(async () => {
  expect(await checkLedgerInvariants(api.database.db)).toMatchObject({ ok: true });
});
afterAll(() => api.stop());

const postWebhook = (body: string, secret = FAKE_STRIPE_WEBHOOK_SECRET) =>
  fetch(`${api.url}/webhooks/stripe`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload: body, secret }),
    },
    body,
  });
const count = async (table: "payment_events" | "journal_entries", where?: { kind: string; ref: string }) => {
  let query = api.database.db.selectFrom(table as "journal_entries").select((eb) => eb.fn.countAll<string>().as("n"));
  if (where) query = query.where("kind", "=", where.kind).where("reference_id", "=", where.ref);
  return Number((await query.executeTakeFirstOrThrow()).n);
};

async function startedPayment() {
  const customer = await api.userWithRole("customer");
  const client = api.client(customer.token);
  const { checkout } = await placedCheckout(api.database.db, deps, { customerId: customer.id });
  const payment = await client.customer.payments.start.mutate({ checkoutId: checkout.id });
  return { client, checkout, payment };
}

describe("Stripe payments over HTTP", () => {
  it("pays a checkout exactly once when the same payment_intent.succeeded arrives 10 times at once", async () => {
    const { client, checkout, payment } = await startedPayment();
    expect(payment).toMatchObject({ provider: "stripe", status: "pending", amount: checkout.grandTotal });
    expect(payment.clientSecret).toContain("_secret_");
    expect(stripe.calls[0]?.idempotencyKey).toBe(`payment:${payment.id}`);
    // Starting again returns the same intent, without a second call to Stripe.
    expect((await client.customer.payments.start.mutate({ checkoutId: checkout.id })).providerRef).toBe(
      payment.providerRef,
    );
    expect(stripe.calls).toHaveLength(1);

    const body = JSON.stringify(stripe.succeed(payment.providerRef as string));
    const eventsBefore = await count("payment_events");
    const responses = await Promise.all(Array.from({ length: 10 }, () => postWebhook(body)));
    expect(responses.map((response) => response.status)).toEqual(Array(10).fill(200));
    const answers = (await Promise.all(responses.map((response) => response.json()))) as { stored: number }[];
    expect(answers.reduce((sum, answer) => sum + answer.stored, 0)).toBe(1);
    expect(await count("payment_events")).toBe(eventsBefore + 1);

    // Processing happens in the worker's job, not in the webhook.
    expect((await client.customer.checkout.get.query({ id: checkout.id })).status).toBe("pending_payment");
    await Promise.all([
      processPendingPaymentEvents(api.database.db, api.services.payments),
      processPendingPaymentEvents(api.database.db, api.services.payments),
    ]);
    expect((await client.customer.checkout.get.query({ id: checkout.id })).status).toBe("paid");
    expect(await count("journal_entries", { kind: "payment.captured", ref: checkout.id })).toBe(1);
    expect((await client.customer.payments.get.query({ id: payment.id })).status).toBe("succeeded");

    // Out of order: the failure Stripe sent earlier arrives late and changes nothing.
    const late = JSON.stringify(stripe.fail(payment.providerRef as string));
    expect((await postWebhook(late)).status).toBe(200);
    await processPendingPaymentEvents(api.database.db, api.services.payments);
    expect((await client.customer.checkout.get.query({ id: checkout.id })).status).toBe("paid");
    expect((await client.customer.payments.get.query({ id: payment.id })).status).toBe("succeeded");
    expect(await count("journal_entries", { kind: "payment.captured", ref: checkout.id })).toBe(1);
  });

  it("refuses a bad signature with 400 and stores nothing", async () => {
    const { payment } = await startedPayment();
    const body = JSON.stringify(stripe.succeed(payment.providerRef as string));
    const before = await count("payment_events");
    expect((await postWebhook(body, "whsec_someone_else")).status).toBe(400);
    const unsigned = await fetch(`${api.url}/webhooks/stripe`, { method: "POST", body });
    expect(unsigned.status).toBe(400);
    expect(await count("payment_events")).toBe(before);
    // Midtrans is not the configured provider: its webhook does not exist here.
    expect((await fetch(`${api.url}/webhooks/midtrans`, { method: "POST", body: "{}" })).status).toBe(404);
    // Nor does the sandbox.
    expect((await fetch(`${api.url}/sandbox/payments/${payment.id}/approve`, { method: "POST" })).status).toBe(404);
  });

  it("answers a declined card with BAD_REQUEST and Stripe being down with a retryable error", async () => {
    const customer = await api.userWithRole("customer");
    const client = api.client(customer.token);
    const { checkout } = await placedCheckout(api.database.db, deps, { customerId: customer.id });
    stripe.setMode("card-declined");
    expect(await codeOf(client.customer.payments.start.mutate({ checkoutId: checkout.id }))).toBe("BAD_REQUEST");
    stripe.setMode("server-error");
    const code = await codeOf(client.customer.payments.start.mutate({ checkoutId: checkout.id }));
    expect(code).toBe("SERVICE_UNAVAILABLE");
    stripe.setMode("ok");
    const payment = await client.customer.payments.start.mutate({ checkoutId: checkout.id });
    expect(payment.providerRef).toMatch(/^pi_/);
    // Every attempt used the one idempotency key, so Stripe can never create two intents.
    expect(new Set(stripe.calls.map((call) => call.idempotencyKey))).toEqual(new Set([`payment:${payment.id}`]));
  });

  it("answers NOT_FOUND for another customer's checkout or payment", async () => {
    const { payment, checkout } = await startedPayment();
    const other = api.client((await api.userWithRole("customer")).token);
    expect(await codeOf(other.customer.payments.start.mutate({ checkoutId: checkout.id }))).toBe("NOT_FOUND");
    expect(await codeOf(other.customer.payments.get.query({ id: payment.id }))).toBe("NOT_FOUND");
    expect(await codeOf(api.client().customer.payments.get.query({ id: payment.id }))).toBe("UNAUTHORIZED");
  });
});
