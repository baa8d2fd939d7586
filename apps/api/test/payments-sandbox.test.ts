import type { CheckoutDeps } from "@niaga/core/checkout/checkout.service";
import { checkLedgerInvariants } from "@niaga/core/ledger/ledger.invariants";
import { JOBS } from "@niaga/jobs/definitions";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { checkoutDeps } from "../../../packages/core/test/support/checkout-fixtures.ts";
import { placedCheckout } from "../../../packages/core/test/support/payment-fixtures.ts";
import type { TestApi } from "./support/harness.ts";
import { startTestApi } from "./support/harness.ts";

let api: TestApi;
let deps: CheckoutDeps;
beforeAll(async () => {
  api = await startTestApi();
  deps = await checkoutDeps(api.database.db);
});
afterEach(async () => {
  expect(await checkLedgerInvariants(api.database.db)).toMatchObject({ ok: true });
});
afterAll(() => api.stop());

/** The worker's job, run as the worker runs it. */
async function runPaymentsJob() {
  const job = JOBS.find((candidate) => candidate.name === "payments.process-events");
  if (!job) throw new Error("payments.process-events is not registered");
  await job.handle({ db: api.database.db, logger: api.services.logger, config: api.config }, {});
}
const decide = (paymentId: string, decision: "approve" | "decline") =>
  fetch(`${api.url}/sandbox/payments/${paymentId}/${decision}`, { method: "POST" });
const level = (variantId: string) =>
  api.database.db
    .selectFrom("inventory_levels")
    .select(["on_hand", "reserved"])
    .where("variant_id", "=", variantId)
    .executeTakeFirstOrThrow();

async function started(quantity = 1) {
  const customer = await api.userWithRole("customer");
  const client = api.client(customer.token);
  const placed = await placedCheckout(api.database.db, deps, { customerId: customer.id, quantity });
  const payment = await client.customer.payments.start.mutate({ checkoutId: placed.checkout.id });
  return { client, payment, ...placed };
}

describe("the sandbox provider over HTTP", () => {
  it("approve marks the checkout paid (through the worker's job), once", async () => {
    const { client, payment, checkout, variantId } = await started(2);
    expect(payment).toMatchObject({ provider: "sandbox", providerRef: `sbx_${payment.id}`, clientSecret: null });
    const response = await decide(payment.id, "approve");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ received: true, stored: 1 });
    await runPaymentsJob();
    expect((await client.customer.checkout.get.query({ id: checkout.id })).status).toBe("paid");
    expect(await level(variantId)).toEqual({ on_hand: 8, reserved: 0 });
    expect((await client.customer.payments.get.query({ id: payment.id })).status).toBe("succeeded");
    expect((await decide(payment.id, "approve")).status).toBe(409);
    expect((await decide("no-such-payment", "approve")).status).toBe(404);
  });

  it("cancelling the paid order sends its money back through the sandbox and notes it on the payment", async () => {
    const { client, payment, checkout, variantId } = await started(2);
    expect((await decide(payment.id, "approve")).status).toBe(200);
    await runPaymentsJob();
    const [order] = checkout.orders;
    if (!order) throw new Error("expected one order");
    const cancelled = await client.customer.orders.cancel.mutate({ id: order.id, reason: "Changed my mind" });
    expect(cancelled.status).toBe("cancelled");
    const refunds = await api.database.db
      .selectFrom("refunds")
      .select(["amount", "destination", "status", "provider"])
      .where("order_id", "=", order.id)
      .execute();
    expect(refunds).toEqual([
      { amount: order.total, destination: "original", status: "succeeded", provider: "sandbox" },
    ]);
    expect(await client.customer.payments.get.query({ id: payment.id })).toMatchObject({
      status: order.total >= payment.amount ? "refunded" : "partially_refunded",
      amountRefunded: order.total,
    });
    expect(await level(variantId)).toEqual({ on_hand: 10, reserved: 0 });
  });

  it("decline cancels the checkout and releases its stock", async () => {
    const { client, payment, checkout, variantId } = await started(3);
    expect(await level(variantId)).toEqual({ on_hand: 10, reserved: 3 });
    expect((await decide(payment.id, "decline")).status).toBe(200);
    await runPaymentsJob();
    expect((await client.customer.checkout.get.query({ id: checkout.id })).status).toBe("cancelled");
    expect(await level(variantId)).toEqual({ on_hand: 10, reserved: 0 });
    expect((await client.customer.payments.get.query({ id: payment.id })).status).toBe("failed");
  });

  it("a wallet top-up credits the wallet once approved", async () => {
    const customer = await api.userWithRole("customer");
    const client = api.client(customer.token);
    const topUp = await client.customer.wallet.topUp.mutate({ amount: 5_000_000 });
    expect(topUp).toMatchObject({ purpose: "wallet_topup", status: "pending", amount: 5_000_000 });
    expect((await decide(topUp.id, "approve")).status).toBe(200);
    await runPaymentsJob();
    await runPaymentsJob();
    expect((await client.customer.payments.get.query({ id: topUp.id })).status).toBe("succeeded");
    const wallet = await api.database.db
      .selectFrom("ledger_accounts")
      .select("balance")
      .where("code", "=", `customer_wallet:${customer.id}`)
      .executeTakeFirstOrThrow();
    expect(wallet.balance).toBe(-5_000_000);
  });
});
