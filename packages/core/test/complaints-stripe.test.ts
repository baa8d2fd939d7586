import type { CheckoutDeps } from "@niaga/core/checkout/checkout.service";
import { placeCheckout } from "@niaga/core/checkout/checkout.service";
import { markCheckoutPaid } from "@niaga/core/checkout/checkout-payment";
import { decideComplaint, respondToComplaint } from "@niaga/core/complaints/complaints.decisions";
import { escalateComplaint, openComplaint } from "@niaga/core/complaints/complaints.service";
import { accounts } from "@niaga/core/ledger/ledger.accounts";
import { checkLedgerInvariants } from "@niaga/core/ledger/ledger.invariants";
import { accountBalance } from "@niaga/core/ledger/ledger.service";
import { createStripeProvider } from "@niaga/core/payments/stripe.provider";
import { gatewaysOf } from "@niaga/core/refunds/refund-gateway";
import { retryPendingRefunds } from "@niaga/core/refunds/refunds.service";
import { newId } from "@niaga/core/shared/ids";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { mswServer } from "@niaga/testing/msw-setup";
import { FAKE_STRIPE_KEY, FAKE_STRIPE_WEBHOOK_SECRET, fakeStripe } from "@niaga/testing/stripe";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { insertUser } from "./support/catalog-fixtures.ts";
import { cartFor, checkoutDeps, customerWithAddress, storeWithVariant } from "./support/checkout-fixtures.ts";

// Refunds to the original payment method through Stripe's Refunds API, with msw standing in for
// api.stripe.com (the official SDK's real requests, Stripe-shaped answers and errors).

let database: TestDatabase;
let deps: CheckoutDeps;
beforeAll(async () => {
  database = await createTestDatabase();
  deps = await checkoutDeps(database.db);
});
afterAll(() => database.drop());
afterEach(async () => {
  expect(await checkLedgerInvariants(database.db)).toMatchObject({ ok: true });
});

const stripe = createStripeProvider({
  secretKey: FAKE_STRIPE_KEY,
  webhookSecret: FAKE_STRIPE_WEBHOOK_SECRET,
  maxNetworkRetries: 0,
  timeoutMs: 2000,
});

/** A checkout paid by card through (fake) Stripe: the intent, the payments row and the capture entry. */
async function paidByCard(fake: ReturnType<typeof fakeStripe>) {
  const made = await storeWithVariant(database.db, { price: 300_000, stock: 10 });
  const { customer, address } = await customerWithAddress(database.db);
  const input = await cartFor(
    database.db,
    customer.userId,
    [{ variantId: made.variantId, storeId: made.store.id, quantity: 1 }],
    address.id,
  );
  const checkout = await placeCheckout(database.db, deps, { customerId: customer.userId, input });
  const paymentId = newId();
  const created = await stripe.createPayment({
    paymentId,
    amount: checkout.grandTotal,
    currency: "IDR",
    description: "Niaga checkout",
    customerEmail: null,
    idempotencyKey: `payment:${paymentId}`,
    metadata: { checkoutId: checkout.id },
  });
  fake.succeed(created.providerRef);
  await database.db
    .insertInto("payments")
    .values({
      id: paymentId,
      purpose: "checkout",
      reference_id: checkout.id,
      customer_id: customer.userId,
      provider: "stripe",
      provider_ref: created.providerRef,
      status: "succeeded",
      amount: checkout.grandTotal,
      currency: "IDR",
      client_secret: null,
      redirect_url: null,
      failure_reason: null,
      succeeded_at: new Date(),
    })
    .execute();
  await markCheckoutPaid(database.db, { checkoutId: checkout.id, provider: "stripe" });
  const line = await database.db
    .selectFrom("order_lines")
    .select("id")
    .where("order_id", "=", checkout.orders[0]?.id ?? "")
    .executeTakeFirstOrThrow();
  return { ...made, customer, intentId: created.providerRef, lineId: line.id };
}

const refundCalls = (fake: ReturnType<typeof fakeStripe>) =>
  fake.calls.filter((call) => call.method === "POST" && call.path === "/v1/refunds");

describe("refund through Stripe", () => {
  it("a manager's approval refunds the card once, with the refund's idempotency key", async () => {
    const fake = fakeStripe();
    mswServer.use(...fake.handlers);
    const p = await paidByCard(fake);
    const manager = await insertUser(database.db, "manager");
    const opened = await openComplaint(database.db, p.customer, {
      orderLineId: p.lineId,
      reason: "damaged",
      description: "The glass top shattered in transit",
      resolution: "refund",
      refundAmount: 300_000,
      refundDestination: "original",
      responseHours: 48,
    });
    await respondToComplaint(database.db, { refunds: gatewaysOf(stripe) }, p.seller, {
      id: opened.id,
      decision: "reject",
      message: "It left our warehouse intact",
    });
    await escalateComplaint(database.db, p.customer, { id: opened.id, note: "Photos attached of the damage" });
    const clearingBefore = await accountBalance(database.db, accounts.gatewayClearing("stripe"));
    const decided = await decideComplaint(database.db, { refunds: gatewaysOf(stripe) }, manager, {
      id: opened.id,
      decision: "approve",
      note: "Damage is visible in the photos",
    });
    expect(decided.refund).toMatchObject({ amount: 300_000, status: "succeeded", destination: "original" });
    const refund = await database.db
      .selectFrom("refunds")
      .selectAll()
      .where("complaint_id", "=", opened.id)
      .executeTakeFirstOrThrow();
    expect(refundCalls(fake)).toEqual([
      expect.objectContaining({
        idempotencyKey: `refund:${refund.id}`,
        form: expect.objectContaining({ payment_intent: p.intentId, amount: "300000" }),
      }),
    ]);
    expect(refund.provider_refund_ref).toBe([...fake.refunds.keys()][0]);
    expect(clearingBefore - (await accountBalance(database.db, accounts.gatewayClearing("stripe")))).toBe(300_000);
  });

  it("leaves a refund failed on a Stripe 5xx, and the retry sweep settles it with the same key", async () => {
    const fake = fakeStripe();
    mswServer.use(...fake.handlers);
    const p = await paidByCard(fake);
    const opened = await openComplaint(database.db, p.customer, {
      orderLineId: p.lineId,
      reason: "not_received",
      description: "Never arrived after three weeks",
      resolution: "refund",
      refundAmount: 100_000,
      refundDestination: "original",
      responseHours: 48,
    });
    fake.setMode("server-error");
    const answered = await respondToComplaint(database.db, { refunds: gatewaysOf(stripe) }, p.seller, {
      id: opened.id,
      decision: "approve",
      message: "Refunding part of it",
    });
    expect(answered.refund?.status).toBe("failed");
    const payable = await accountBalance(database.db, accounts.refundsPayable());
    expect(payable).toBeGreaterThanOrEqual(100_000);

    fake.setMode("ok");
    const swept = await retryPendingRefunds(database.db, gatewaysOf(stripe), {
      olderThan: new Date(Date.now() + 1000),
    });
    expect(swept).toEqual({ succeeded: 1, failed: 0 });
    const refund = await database.db
      .selectFrom("refunds")
      .selectAll()
      .where("complaint_id", "=", opened.id)
      .executeTakeFirstOrThrow();
    expect(refund).toMatchObject({ status: "succeeded", attempts: 2, failure_reason: null });
    const keys = refundCalls(fake).map((call) => call.idempotencyKey);
    expect(keys).toEqual([`refund:${refund.id}`, `refund:${refund.id}`]);
    expect(fake.refunds.size).toBe(1);
    // (+ 0: a credit-normal zero balance reads as -0.)
    expect((await accountBalance(database.db, accounts.refundsPayable())) + 0).toBe(payable - 100_000);
    // A second sweep finds nothing to do.
    expect(
      await retryPendingRefunds(database.db, gatewaysOf(stripe), { olderThan: new Date(Date.now() + 1000) }),
    ).toEqual({
      succeeded: 0,
      failed: 0,
    });
  });
});
