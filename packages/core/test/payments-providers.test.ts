import { createMidtransProvider, midtransSignature } from "@niaga/core/payments/midtrans.provider";
import {
  PaymentDeclinedError,
  PaymentUnavailableError,
  WebhookSignatureError,
} from "@niaga/core/payments/payment-provider";
import { createStripeProvider } from "@niaga/core/payments/stripe.provider";
import {
  FAKE_MIDTRANS_API_URL,
  FAKE_MIDTRANS_KEY,
  FAKE_MIDTRANS_SNAP_URL,
  fakeMidtrans,
  midtransNotification,
} from "@niaga/testing/midtrans";
import { mswServer } from "@niaga/testing/msw-setup";
import { FAKE_STRIPE_KEY, FAKE_STRIPE_WEBHOOK_SECRET, fakeStripe } from "@niaga/testing/stripe";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";

const stripeProvider = (timeoutMs = 5_000) =>
  createStripeProvider({
    secretKey: FAKE_STRIPE_KEY,
    webhookSecret: FAKE_STRIPE_WEBHOOK_SECRET,
    maxNetworkRetries: 0,
    timeoutMs,
  });
const paymentInput = (paymentId: string) => ({
  paymentId,
  amount: 2_500_000,
  currency: "IDR",
  description: "Niaga checkout",
  customerEmail: "siti@example.com",
  idempotencyKey: `payment:${paymentId}`,
  metadata: { paymentId, purpose: "checkout", reference: "chk_1" },
});
const signed = (payload: string, secret = FAKE_STRIPE_WEBHOOK_SECRET) =>
  new Headers({ "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload, secret }) });

describe("Stripe adapter", () => {
  it("creates one PaymentIntent per payment (idempotency key from the payment id) with its metadata", async () => {
    const fake = fakeStripe();
    mswServer.use(...fake.handlers);
    const provider = stripeProvider();
    const first = await provider.createPayment(paymentInput("pay_1"));
    const again = await provider.createPayment(paymentInput("pay_1"));
    expect(again).toEqual(first);
    expect(first.providerRef).toMatch(/^pi_/);
    expect(first.clientSecret).toContain(`${first.providerRef}_secret_`);
    expect(fake.intents.size).toBe(1);
    expect(fake.calls[0]).toMatchObject({
      path: "/v1/payment_intents",
      idempotencyKey: "payment:pay_1",
      authorized: true,
      form: { amount: "2500000", currency: "idr", "metadata[paymentId]": "pay_1", "metadata[purpose]": "checkout" },
    });
  });

  it("maps card_declined to a declined error, and 500s and a dropped connection to 'unavailable'", async () => {
    const fake = fakeStripe({ mode: "card-declined" });
    mswServer.use(...fake.handlers);
    const provider = stripeProvider();
    await expect(provider.createPayment(paymentInput("pay_2"))).rejects.toBeInstanceOf(PaymentDeclinedError);
    fake.setMode("server-error");
    await expect(provider.createPayment(paymentInput("pay_2"))).rejects.toBeInstanceOf(PaymentUnavailableError);
    fake.setMode("offline");
    await expect(provider.createPayment(paymentInput("pay_2"))).rejects.toMatchObject({
      code: "UNAVAILABLE",
      message: expect.stringContaining("could not be reached"),
    });
  });

  it("verifies webhooks on the raw body and normalizes the events Niaga acts on", async () => {
    const fake = fakeStripe();
    mswServer.use(...fake.handlers);
    const provider = stripeProvider();
    const { providerRef } = await provider.createPayment(paymentInput("pay_3"));
    const body = JSON.stringify(fake.succeed(providerRef));
    const events = await provider.parseWebhook(body, signed(body));
    expect(events).toEqual([
      { eventId: expect.stringMatching(/^evt_/), type: "succeeded", providerRef, amount: 2_500_000 },
    ]);
    await expect(provider.parseWebhook(body, signed(body, "whsec_wrong"))).rejects.toBeInstanceOf(
      WebhookSignatureError,
    );
    await expect(provider.parseWebhook(`${body} `, signed(body))).rejects.toBeInstanceOf(WebhookSignatureError);
    await expect(provider.parseWebhook(body, new Headers())).rejects.toBeInstanceOf(WebhookSignatureError);
    const other = JSON.stringify({ ...JSON.parse(body), type: "customer.created" });
    expect(await provider.parseWebhook(other, signed(other))).toEqual([]);
  });

  it("refunds through the Refunds API with an idempotency key, and lists for reconciliation", async () => {
    const fake = fakeStripe();
    mswServer.use(...fake.handlers);
    const provider = stripeProvider();
    const { providerRef } = await provider.createPayment(paymentInput("pay_4"));
    fake.succeed(providerRef);
    const refund = await provider.refund({ providerRef, amount: 1_000_000, idempotencyKey: "refund:r1" });
    expect(refund).toMatchObject({ refundRef: expect.stringMatching(/^re_/), status: "succeeded" });
    expect(await provider.refund({ providerRef, amount: 1_000_000, idempotencyKey: "refund:r1" })).toEqual(refund);
    expect(fake.refunds.size).toBe(1);
    const window = { from: new Date(Date.now() - 60_000), to: new Date(Date.now() + 60_000) };
    expect(await provider.listPayments(window)).toEqual([
      expect.objectContaining({ providerRef, status: "succeeded", amount: 2_500_000, currency: "IDR" }),
    ]);
    expect(await provider.listRefunds(window)).toEqual([
      expect.objectContaining({ refundRef: refund.refundRef, providerRef, amount: 1_000_000, status: "succeeded" }),
    ]);
  });
});

describe("Midtrans adapter", () => {
  const provider = (serverKey = FAKE_MIDTRANS_KEY) =>
    createMidtransProvider({
      serverKey,
      snapBaseUrl: FAKE_MIDTRANS_SNAP_URL,
      apiBaseUrl: FAKE_MIDTRANS_API_URL,
      timeoutMs: 2_000,
    });

  it("creates a Snap transaction in whole rupiah and returns its token and redirect URL", async () => {
    const fake = fakeMidtrans();
    mswServer.use(...fake.handlers);
    const created = await provider().createPayment(paymentInput("pay_m1"));
    expect(created).toMatchObject({
      providerRef: "pay_m1",
      redirectUrl: expect.stringContaining("/snap/v4/redirection/"),
    });
    expect(fake.calls[0]?.body).toMatchObject({ transaction_details: { order_id: "pay_m1", gross_amount: 25_000 } });
  });

  it("maps a bad server key (401), a 5xx and a timeout to 'unavailable'", async () => {
    const fake = fakeMidtrans();
    mswServer.use(...fake.handlers);
    await expect(provider("SB-Mid-server-wrong").createPayment(paymentInput("pay_m2"))).rejects.toMatchObject({
      code: "UNAVAILABLE",
      message: expect.stringContaining("server key"),
    });
    fake.setMode("server-error");
    await expect(provider().createPayment(paymentInput("pay_m2"))).rejects.toBeInstanceOf(PaymentUnavailableError);
    fake.setMode("slow");
    await expect(provider().createPayment(paymentInput("pay_m2"))).rejects.toMatchObject({
      code: "UNAVAILABLE",
      message: expect.stringContaining("did not answer within 2000 ms"),
    });
  });

  it("checks the notification's signature_key and maps transaction statuses", async () => {
    const good = midtransNotification({ orderId: "pay_m3", transactionStatus: "settlement", grossAmount: 25_000 });
    expect(good.signature_key).toBe(
      midtransSignature({
        orderId: "pay_m3",
        statusCode: "200",
        grossAmount: "25000.00",
        serverKey: FAKE_MIDTRANS_KEY,
      }),
    );
    expect(await provider().parseWebhook(JSON.stringify(good), new Headers())).toEqual([
      { eventId: expect.stringContaining(":settlement:"), type: "succeeded", providerRef: "pay_m3", amount: 2_500_000 },
    ]);
    const forged = midtransNotification({
      orderId: "pay_m3",
      transactionStatus: "settlement",
      grossAmount: 25_000,
      serverKey: "x",
    });
    await expect(provider().parseWebhook(JSON.stringify(forged), new Headers())).rejects.toBeInstanceOf(
      WebhookSignatureError,
    );
    const tampered = { ...good, gross_amount: "1.00" };
    await expect(provider().parseWebhook(JSON.stringify(tampered), new Headers())).rejects.toBeInstanceOf(
      WebhookSignatureError,
    );
    const expired = midtransNotification({
      orderId: "pay_m3",
      transactionStatus: "expire",
      grossAmount: 25_000,
      statusCode: "407",
    });
    expect((await provider().parseWebhook(JSON.stringify(expired), new Headers()))[0]?.type).toBe("cancelled");
    const pending = midtransNotification({ orderId: "pay_m3", transactionStatus: "pending", grossAmount: 25_000 });
    expect(await provider().parseWebhook(JSON.stringify(pending), new Headers())).toEqual([]);
  });

  it("refunds through the Core API and reads status per order for reconciliation", async () => {
    const fake = fakeMidtrans();
    mswServer.use(...fake.handlers);
    await provider().createPayment(paymentInput("pay_m4"));
    fake.settle("pay_m4");
    expect(await provider().refund({ providerRef: "pay_m4", amount: 1_000_000, idempotencyKey: "refund:m4" })).toEqual({
      refundRef: "refund:m4",
      status: "succeeded",
    });
    const window = { from: new Date(0), to: new Date(), providerRefs: ["pay_m4", "pay_unknown"] };
    expect(await provider().listPayments(window)).toEqual([
      expect.objectContaining({
        providerRef: "pay_m4",
        status: "succeeded",
        amount: 2_500_000,
        amountRefunded: 1_000_000,
      }),
    ]);
    expect(await provider().listRefunds(window)).toEqual([
      expect.objectContaining({ refundRef: "refund:m4", providerRef: "pay_m4", amount: 1_000_000 }),
    ]);
  });
});
