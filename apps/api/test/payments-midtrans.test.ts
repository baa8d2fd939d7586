import type { CheckoutDeps } from "@niaga/core/checkout/checkout.service";
import { checkLedgerInvariants } from "@niaga/core/ledger/ledger.invariants";
import { processPendingPaymentEvents } from "@niaga/core/payments/payment-sweep";
import {
  FAKE_MIDTRANS_API_URL,
  FAKE_MIDTRANS_KEY,
  FAKE_MIDTRANS_SNAP_URL,
  fakeMidtrans,
  midtransNotification,
} from "@niaga/testing/midtrans";
import { mswServer } from "@niaga/testing/msw-setup";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { checkoutDeps } from "../../../packages/core/test/support/checkout-fixtures.ts";
import { placedCheckout } from "../../../packages/core/test/support/payment-fixtures.ts";
import type { TestApi } from "./support/harness.ts";
import { startTestApi } from "./support/harness.ts";

let api: TestApi;
let deps: CheckoutDeps;
beforeAll(async () => {
  api = await startTestApi({
    MIDTRANS_SERVER_KEY: FAKE_MIDTRANS_KEY,
    MIDTRANS_SNAP_BASE_URL: FAKE_MIDTRANS_SNAP_URL,
    MIDTRANS_API_BASE_URL: FAKE_MIDTRANS_API_URL,
  });
  deps = await checkoutDeps(api.database.db);
});
afterEach(async () => {
  expect(await checkLedgerInvariants(api.database.db)).toMatchObject({ ok: true });
});
afterAll(() => api.stop());

const notify = (body: unknown) =>
  fetch(`${api.url}/webhooks/midtrans`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("Midtrans payments over HTTP", () => {
  it("processes a notification with a good signature_key and refuses a bad one with 400", async () => {
    const midtrans = fakeMidtrans();
    mswServer.use(...midtrans.handlers);
    const customer = await api.userWithRole("customer");
    const client = api.client(customer.token);
    const { checkout } = await placedCheckout(api.database.db, deps, { customerId: customer.id });
    const payment = await client.customer.payments.start.mutate({ checkoutId: checkout.id });
    expect(payment).toMatchObject({ provider: "midtrans", providerRef: payment.id });
    expect(payment.redirectUrl).toContain("/snap/v4/redirection/");

    const forged = midtransNotification({
      orderId: payment.id,
      transactionStatus: "settlement",
      grossAmount: checkout.grandTotal / 100,
      serverKey: "SB-Mid-server-attacker",
    });
    expect((await notify(forged)).status).toBe(400);
    const stored = await api.database.db.selectFrom("payment_events").select("id").execute();
    expect(stored).toHaveLength(0);

    const good = midtrans.settle(payment.id);
    expect((await notify(good)).status).toBe(200);
    expect((await notify(good)).status).toBe(200);
    await processPendingPaymentEvents(api.database.db, api.services.payments);
    expect((await client.customer.checkout.get.query({ id: checkout.id })).status).toBe("paid");
    expect((await client.customer.payments.get.query({ id: payment.id })).status).toBe("succeeded");
    const captured = await api.database.db
      .selectFrom("journal_entries")
      .select("id")
      .where("kind", "=", "payment.captured")
      .where("reference_id", "=", checkout.id)
      .execute();
    expect(captured).toHaveLength(1);
  });
});
