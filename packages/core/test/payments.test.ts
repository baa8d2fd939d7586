import type { CheckoutDeps } from "@niaga/core/checkout/checkout.service";
import { accounts } from "@niaga/core/ledger/ledger.accounts";
import { checkLedgerInvariants } from "@niaga/core/ledger/ledger.invariants";
import { accountBalance } from "@niaga/core/ledger/ledger.service";
import { recordPaymentEvents, recordSandboxDecision } from "@niaga/core/payments/payment-events";
import { processPaymentEvent } from "@niaga/core/payments/payment-processing";
import type { PaymentProvider } from "@niaga/core/payments/payment-provider";
import { processPendingPaymentEvents } from "@niaga/core/payments/payment-sweep";
import { getPayment, startCheckoutPayment, startWalletTopUp } from "@niaga/core/payments/payments.service";
import { createSandboxProvider } from "@niaga/core/payments/sandbox.provider";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { insertUser } from "./support/catalog-fixtures.ts";
import { checkoutDeps } from "./support/checkout-fixtures.ts";
import { placedCheckout } from "./support/payment-fixtures.ts";

let database: TestDatabase;
let deps: CheckoutDeps;
let sandbox: PaymentProvider;
beforeAll(async () => {
  database = await createTestDatabase();
  deps = await checkoutDeps(database.db);
  sandbox = createSandboxProvider(database.db);
});
afterEach(async () => {
  expect(await checkLedgerInvariants(database.db)).toMatchObject({ ok: true });
});
afterAll(() => database.drop());

const checkoutStatus = async (id: string) =>
  (await database.db.selectFrom("checkouts").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;
const level = (variantId: string) =>
  database.db
    .selectFrom("inventory_levels")
    .select(["on_hand", "reserved"])
    .where("variant_id", "=", variantId)
    .executeTakeFirstOrThrow();
const captures = async (checkoutId: string) =>
  (
    await database.db
      .selectFrom("journal_entries")
      .select("id")
      .where("kind", "=", "payment.captured")
      .where("reference_id", "=", checkoutId)
      .execute()
  ).length;

describe("sandbox payments for a checkout", () => {
  it("starts one payment per checkout, hides it from other customers, and pays the checkout once on approval", async () => {
    const { checkout, customerId, variantId } = await placedCheckout(database.db, deps);
    const payment = await startCheckoutPayment(database.db, sandbox, { customerId, checkoutId: checkout.id });
    expect(payment).toMatchObject({ status: "pending", amount: checkout.grandTotal, providerRef: `sbx_${payment.id}` });
    expect((await startCheckoutPayment(database.db, sandbox, { customerId, checkoutId: checkout.id })).id).toBe(
      payment.id,
    );
    const stranger = await insertUser(database.db, "customer");
    await expect(
      startCheckoutPayment(database.db, sandbox, { customerId: stranger.userId, checkoutId: checkout.id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getPayment(database.db, { customerId: stranger.userId, paymentId: payment.id })).rejects.toMatchObject(
      {
        code: "NOT_FOUND",
      },
    );

    await recordSandboxDecision(database.db, { paymentId: payment.id, outcome: "approve" });
    expect(await checkoutStatus(checkout.id)).toBe("pending_payment");
    expect((await processPendingPaymentEvents(database.db, sandbox)).outcomes).toEqual({ advanced: 1 });
    expect(await checkoutStatus(checkout.id)).toBe("paid");
    expect(await captures(checkout.id)).toBe(1);
    expect(await level(variantId)).toEqual({ on_hand: 9, reserved: 0 });
    expect((await getPayment(database.db, { customerId, paymentId: payment.id })).status).toBe("succeeded");
    await expect(
      recordSandboxDecision(database.db, { paymentId: payment.id, outcome: "approve" }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("ignores duplicates and a failure delivered after success", async () => {
    const { checkout, customerId } = await placedCheckout(database.db, deps);
    const payment = await startCheckoutPayment(database.db, sandbox, { customerId, checkoutId: checkout.id });
    const ref = payment.providerRef as string;
    const events = [
      { eventId: "evt-ok", type: "succeeded" as const, providerRef: ref, amount: payment.amount },
      { eventId: "evt-late-fail", type: "failed" as const, providerRef: ref, amount: payment.amount },
    ];
    const ok = events.slice(0, 1);
    expect(await recordPaymentEvents(database.db, { provider: "sandbox", events: ok, payload: {} })).toEqual({
      stored: 1,
      duplicates: 0,
    });
    expect(await recordPaymentEvents(database.db, { provider: "sandbox", events: ok, payload: {} })).toEqual({
      stored: 0,
      duplicates: 1,
    });
    expect((await processPendingPaymentEvents(database.db, sandbox)).outcomes).toEqual({ advanced: 1 });
    // The failure the gateway sent first arrives after the success (and twice).
    expect(await recordPaymentEvents(database.db, { provider: "sandbox", events, payload: {} })).toEqual({
      stored: 1,
      duplicates: 1,
    });
    expect((await processPendingPaymentEvents(database.db, sandbox)).outcomes).toEqual({ ignored: 1 });
    expect(await checkoutStatus(checkout.id)).toBe("paid");
    expect((await getPayment(database.db, { customerId, paymentId: payment.id })).status).toBe("succeeded");
    expect(await captures(checkout.id)).toBe(1);
  });

  it("survives a crash between storing the event and processing it: the retry completes once", async () => {
    const { checkout, customerId } = await placedCheckout(database.db, deps);
    const payment = await startCheckoutPayment(database.db, sandbox, { customerId, checkoutId: checkout.id });
    await recordSandboxDecision(database.db, { paymentId: payment.id, outcome: "approve" });
    const event = await database.db
      .selectFrom("payment_events")
      .select("id")
      .where("provider_ref", "=", payment.providerRef as string)
      .executeTakeFirstOrThrow();
    // The handler does all its work, then the process dies before commit.
    const crash = database.db.transaction().execute(async (trx) => {
      expect(await processPaymentEvent(trx, { eventRowId: event.id })).toBe("advanced");
      throw new Error("worker killed");
    });
    await expect(crash).rejects.toThrow("worker killed");
    expect(await checkoutStatus(checkout.id)).toBe("pending_payment");
    expect(await captures(checkout.id)).toBe(0);

    // The retry and a racing second worker: exactly one completes it.
    const [first, second] = await Promise.all([
      processPendingPaymentEvents(database.db, sandbox),
      processPendingPaymentEvents(database.db, sandbox),
    ]);
    expect((first.outcomes.advanced ?? 0) + (second.outcomes.advanced ?? 0)).toBe(1);
    expect(await checkoutStatus(checkout.id)).toBe("paid");
    expect(await captures(checkout.id)).toBe(1);
    expect((await processPendingPaymentEvents(database.db, sandbox)).outcomes).toEqual({});
  });

  it("releases the checkout's stock when the payment is declined", async () => {
    const { checkout, customerId, variantId } = await placedCheckout(database.db, deps, { quantity: 3 });
    expect(await level(variantId)).toEqual({ on_hand: 10, reserved: 3 });
    const payment = await startCheckoutPayment(database.db, sandbox, { customerId, checkoutId: checkout.id });
    await recordSandboxDecision(database.db, { paymentId: payment.id, outcome: "decline" });
    await processPendingPaymentEvents(database.db, sandbox);
    expect(await checkoutStatus(checkout.id)).toBe("cancelled");
    expect(await level(variantId)).toEqual({ on_hand: 10, reserved: 0 });
    const orders = await database.db
      .selectFrom("orders")
      .select("status")
      .where("checkout_id", "=", checkout.id)
      .execute();
    expect(orders.map((order) => order.status)).toEqual(["cancelled"]);
    expect((await getPayment(database.db, { customerId, paymentId: payment.id })).status).toBe("failed");
    await expect(
      startCheckoutPayment(database.db, sandbox, { customerId, checkoutId: checkout.id }),
    ).resolves.toMatchObject({
      id: payment.id,
      status: "failed",
    });
  });

  it("refunds a payment captured after its checkout expired, and the ledger nets to zero at the gateway", async () => {
    const { checkout, customerId } = await placedCheckout(database.db, deps);
    const payment = await startCheckoutPayment(database.db, sandbox, { customerId, checkoutId: checkout.id });
    await database.db
      .updateTable("checkouts")
      .set({ status: "expired", closed_at: new Date() })
      .where("id", "=", checkout.id)
      .execute();
    const clearingBefore = await accountBalance(database.db, accounts.gatewayClearing("sandbox"));
    await recordSandboxDecision(database.db, { paymentId: payment.id, outcome: "approve" });
    const summary = await processPendingPaymentEvents(database.db, sandbox);
    expect(summary).toMatchObject({ outcomes: { refund_due: 1 }, refunds: 1 });
    expect(await getPayment(database.db, { customerId, paymentId: payment.id })).toMatchObject({
      status: "refunded",
      amountRefunded: payment.amount,
    });
    expect(await captures(checkout.id)).toBe(0);
    expect(await accountBalance(database.db, accounts.gatewayClearing("sandbox"))).toBe(clearingBefore);
    expect((await processPendingPaymentEvents(database.db, sandbox)).refunds).toBe(0);
  });
});

describe("wallet top-up", () => {
  it("credits the wallet once when the top-up succeeds", async () => {
    const customer = await insertUser(database.db, "customer");
    const topUp = await startWalletTopUp(database.db, sandbox, {
      customerId: customer.userId,
      amount: 7_500_000,
      currency: "IDR",
    });
    expect(topUp).toMatchObject({ purpose: "wallet_topup", status: "pending", amount: 7_500_000 });
    await recordSandboxDecision(database.db, { paymentId: topUp.id, outcome: "approve" });
    await processPendingPaymentEvents(database.db, sandbox);
    await recordPaymentEvents(database.db, {
      provider: "sandbox",
      events: [
        { eventId: "replayed-topup", type: "succeeded", providerRef: topUp.providerRef as string, amount: 7_500_000 },
      ],
      payload: {},
    });
    await processPendingPaymentEvents(database.db, sandbox);
    expect(await accountBalance(database.db, accounts.customerWallet(customer.userId))).toBe(7_500_000);
  });
});
