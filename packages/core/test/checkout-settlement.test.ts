import type { CheckoutDeps } from "@niaga/core/checkout/checkout.service";
import { placeCheckout } from "@niaga/core/checkout/checkout.service";
import { expireUnpaidCheckouts } from "@niaga/core/checkout/checkout-expiry";
import { markCheckoutPaid } from "@niaga/core/checkout/checkout-payment";
import { coinBalance } from "@niaga/core/coins/coins.checkout";
import { adjustCoins } from "@niaga/core/coins/coins.service";
import { createPlatformCoupon } from "@niaga/core/coupons/coupons.service";
import { accounts } from "@niaga/core/ledger/ledger.accounts";
import { checkLedgerInvariants } from "@niaga/core/ledger/ledger.invariants";
import { accountBalance, postJournalEntry } from "@niaga/core/ledger/ledger.service";
import { cancelMyOrder } from "@niaga/core/orders/orders.service";
import { createSandboxProvider } from "@niaga/core/payments/sandbox.provider";
import { gatewaysOf } from "@niaga/core/refunds/refund-gateway";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser, productFor, sellerWithStore, someCategory } from "./support/catalog-fixtures.ts";
import { cartFor, checkoutDeps, customerWithAddress, storeWithVariant } from "./support/checkout-fixtures.ts";

let database: TestDatabase;
let deps: CheckoutDeps;
beforeAll(async () => {
  database = await createTestDatabase();
  deps = await checkoutDeps(database.db);
});
afterAll(() => database.drop());

const level = (variantId: string) =>
  database.db
    .selectFrom("inventory_levels")
    .select(["on_hand", "reserved"])
    .where("variant_id", "=", variantId)
    .executeTakeFirstOrThrow();

async function platformCoupon(code: string, options: { percentBps?: number; usageLimit?: number } = {}) {
  const admin = await insertUser(database.db, "admin");
  return createPlatformCoupon(database.db, admin, {
    name: `Promo ${code}`,
    discount: { kind: "percentage", percentBps: options.percentBps ?? 1000 },
    minSpend: 0,
    usageLimit: options.usageLimit ?? null,
    perCustomerLimit: null,
    startsAt: new Date(Date.now() - 60_000),
    endsAt: null,
    combinable: false,
    codes: { mode: "single", code },
    categoryIds: [],
    productIds: [],
  });
}

async function couponUses(couponId: string) {
  const rows = await database.db
    .selectFrom("coupon_redemptions")
    .select("status")
    .where("coupon_id", "=", couponId)
    .execute();
  return rows.map((row) => row.status).sort();
}

/** A customer with `coins` coins and a two-store cart; returns the checkout input with the coupon and coins applied. */
async function pricedCart(params: { code?: string; coins?: number }) {
  const a = await storeWithVariant(database.db, { price: 3_000_000, stock: 10 });
  const b = await storeWithVariant(database.db, { price: 1_000_000, stock: 10 });
  const { customer, address } = await customerWithAddress(database.db);
  const staff = await insertUser(database.db, "admin");
  if (params.coins)
    await adjustCoins(database.db, staff, { customerId: customer.userId, delta: params.coins, reason: "test" });
  const input = await cartFor(
    database.db,
    customer.userId,
    [
      { variantId: a.variantId, storeId: a.store.id, quantity: 1 },
      { variantId: b.variantId, storeId: b.store.id, quantity: 1 },
    ],
    address.id,
  );
  return {
    a,
    b,
    customer,
    input: { ...input, couponCodes: params.code ? [params.code] : [], coins: params.coins ?? 0 },
  };
}

describe("checkout with coupons and coins", () => {
  it("splits a platform coupon and coins across the store orders so every minor unit adds up", async () => {
    await platformCoupon("HEMAT10");
    const { customer, input } = await pricedCart({ code: "hemat10", coins: 100_001 });
    const checkout = await placeCheckout(database.db, deps, { customerId: customer.userId, input });
    // 10% of 4,000,000 = 400,000, split 3:1 between the stores.
    expect(checkout.platformDiscount).toBe(400_000);
    expect(checkout.orders.map((order) => order.platformDiscount).sort((x, y) => x - y)).toEqual([100_000, 300_000]);
    expect(checkout.coinsValue).toBe(100_001);
    expect(checkout.orders.reduce((sum, order) => sum + order.coinsDiscount, 0)).toBe(100_001);
    expect(checkout.grandTotal).toBe(checkout.subtotal + checkout.shippingTotal - 400_000 - 100_001);
    expect(checkout.orders.reduce((sum, order) => sum + order.total, 0)).toBe(checkout.grandTotal);
    expect(await coinBalance(database.db, customer.userId)).toBe(0);
  });

  it("refuses more coins than the cap allows, and leaves the balance alone", async () => {
    const { customer, input } = await pricedCart({ coins: 3_000_000 });
    // Goods are 4,000,000; the default cap is 50%.
    const error = await placeCheckout(database.db, deps, { customerId: customer.userId, input }).catch((e) => e);
    expect(error).toMatchObject({
      code: "INVALID",
      fields: { coins: ["At most 2000000 coins can be used on this order"] },
    });
    expect(await coinBalance(database.db, customer.userId)).toBe(3_000_000);
  });

  it("lets exactly 5 of 20 racing checkouts use a coupon limited to 5 uses", async () => {
    const coupon = await platformCoupon("LIMA5", { usageLimit: 5 });
    const carts = await Promise.all(Array.from({ length: 20 }, () => pricedCart({ code: "LIMA5" })));
    const results = await Promise.allSettled(
      carts.map(({ customer, input }) => placeCheckout(database.db, deps, { customerId: customer.userId, input })),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(5);
    for (const result of results.filter((r) => r.status === "rejected")) {
      expect((result as PromiseRejectedResult).reason.code).toBe("INVALID");
    }
    expect(await couponUses(coupon.coupon.id)).toEqual(Array(5).fill("reserved"));
  });
});

async function fundWallet(customerId: string, amount: number) {
  await database.db.transaction().execute((trx) =>
    postJournalEntry(trx, {
      kind: "wallet.topup",
      reference: { type: "test", id: customerId },
      idempotencyKey: `test.topup:${customerId}:${amount}`,
      currency: "IDR",
      lines: [
        { account: accounts.gatewayClearing("sandbox"), amount },
        { account: accounts.customerWallet(customerId), amount: -amount },
      ],
    }),
  );
}

describe("paying from the wallet", () => {
  it("holds the wallet part at checkout, takes it at capture, and charges the provider only the rest", async () => {
    const { customer, input } = await pricedCart({});
    await fundWallet(customer.userId, 1_500_000);
    const checkout = await placeCheckout(database.db, deps, {
      customerId: customer.userId,
      input: { ...input, walletAmount: 1_000_000 },
    });
    expect(checkout).toMatchObject({ status: "pending_payment", walletAmount: 1_000_000 });
    expect(await accountBalance(database.db, accounts.customerWallet(customer.userId))).toBe(500_000);
    expect(await accountBalance(database.db, accounts.customerWalletHeld(customer.userId))).toBe(1_000_000);
    await markCheckoutPaid(database.db, { checkoutId: checkout.id, provider: "sandbox" });
    expect(await accountBalance(database.db, accounts.customerWalletHeld(customer.userId))).toBe(0);
    expect(await checkLedgerInvariants(database.db)).toMatchObject({ ok: true });
  });

  it("pays a checkout entirely from the wallet at once", async () => {
    const { customer, input } = await pricedCart({});
    await fundWallet(customer.userId, 10_000_000);
    const quote = await placeCheckout(database.db, deps, {
      customerId: customer.userId,
      input: { ...input, idempotencyKey: `${input.idempotencyKey}-probe`, walletAmount: 0 },
    });
    // The probe checkout told us the grand total; expire it, then pay a fresh cart in full.
    await expireUnpaidCheckouts(database.db, { now: new Date(quote.expiresAt.getTime() + 1000) });
    const again = await pricedCart({});
    await fundWallet(again.customer.userId, quote.grandTotal);
    const paid = await placeCheckout(database.db, deps, {
      customerId: again.customer.userId,
      input: { ...again.input, walletAmount: quote.grandTotal },
    });
    expect(paid.status).toBe("paid");
    expect(paid.orders.map((order) => order.status)).toEqual(["paid", "paid"]);
    expect(await accountBalance(database.db, accounts.customerWallet(again.customer.userId))).toBe(0);
    expect(await checkLedgerInvariants(database.db)).toMatchObject({ ok: true });
  });

  it("refuses a wallet part above the balance, and gives back what an expired checkout held", async () => {
    const { customer, input } = await pricedCart({});
    await fundWallet(customer.userId, 700_000);
    const refused = await placeCheckout(database.db, deps, {
      customerId: customer.userId,
      input: { ...input, walletAmount: 800_000 },
    }).catch((error) => error);
    expect(refused).toMatchObject({ code: "INVALID", message: expect.stringMatching(/^Insufficient balance/) });
    const checkout = await placeCheckout(database.db, deps, {
      customerId: customer.userId,
      input: { ...input, idempotencyKey: `${input.idempotencyKey}-2`, walletAmount: 700_000 },
    });
    expect(await accountBalance(database.db, accounts.customerWallet(customer.userId))).toBe(0);
    await expireUnpaidCheckouts(database.db, { now: new Date(checkout.expiresAt.getTime() + 1000) });
    await expireUnpaidCheckouts(database.db, { now: new Date(checkout.expiresAt.getTime() + 1000) });
    expect(await accountBalance(database.db, accounts.customerWallet(customer.userId))).toBe(700_000);
    expect(await accountBalance(database.db, accounts.customerWalletHeld(customer.userId))).toBe(0);
    expect(await checkLedgerInvariants(database.db)).toMatchObject({ ok: true });
  });
});

describe("commission", () => {
  it("freezes each order's rate when placed: the store's own rate, else its categories', else the default", async () => {
    const { a, b, customer, input } = await pricedCart({});
    await database.db
      .insertInto("commission_rates")
      .values([
        { id: `r-${a.store.id}`, scope: "store", target_id: a.store.id, rate_bps: 1000 },
        { id: `r-${b.category.id}`, scope: "category", target_id: b.category.id, rate_bps: 250 },
      ])
      .execute();
    const checkout = await placeCheckout(database.db, deps, { customerId: customer.userId, input });
    const rates = await database.db
      .selectFrom("orders")
      .select(["store_id", "commission_bps"])
      .where("checkout_id", "=", checkout.id)
      .execute();
    expect(Object.fromEntries(rates.map((row) => [row.store_id, row.commission_bps]))).toEqual({
      [a.store.id]: 1000,
      [b.store.id]: 250,
    });
    // A later change of rate rewrites nothing already placed.
    await database.db
      .updateTable("commission_rates")
      .set({ rate_bps: 9000 })
      .where("target_id", "=", a.store.id)
      .execute();
    const after = await database.db
      .selectFrom("orders")
      .select("commission_bps")
      .where("checkout_id", "=", checkout.id)
      .where("store_id", "=", a.store.id)
      .executeTakeFirstOrThrow();
    expect(after.commission_bps).toBe(1000);
  });
  it("takes each line's nearest rated category, up the tree, and weighs the store's lines by their goods", async () => {
    const { seller, store } = await sellerWithStore(database.db);
    const parent = await someCategory(database.db);
    const grandchild = await someCategory(database.db, (await someCategory(database.db, parent.id)).id);
    const unrated = await someCategory(database.db);
    await database.db
      .insertInto("commission_rates")
      .values({ id: `r-${parent.id}`, scope: "category", target_id: parent.id, rate_bps: 800 })
      .execute();
    const variantOf = async (categoryId: string, price: number) => {
      const product = await productFor(database.db, seller, categoryId, {
        variants: [{ sku: `SKU-${categoryId.slice(-6)}`, options: {}, price, stock: [{ onHand: 5 }] }],
      });
      return product.variants[0]?.id as string;
    };
    const rated = await variantOf(grandchild.id, 3_000_000);
    const plain = await variantOf(unrated.id, 1_000_000);
    const { customer, address } = await customerWithAddress(database.db);
    const input = await cartFor(
      database.db,
      customer.userId,
      [
        { variantId: rated, storeId: store.id, quantity: 1 },
        { variantId: plain, storeId: store.id, quantity: 1 },
      ],
      address.id,
    );
    const checkout = await placeCheckout(database.db, deps, { customerId: customer.userId, input });
    const order = await database.db
      .selectFrom("orders")
      .select("commission_bps")
      .where("checkout_id", "=", checkout.id)
      .executeTakeFirstOrThrow();
    // 3,000,000 at the grandparent's 800 and 1,000,000 at the default 500: (2,400 + 500) / 4 = 725.
    expect(order.commission_bps).toBe(725);
  });
});

describe("payment and expiry", () => {
  it("takes paid units off the shelf, marks the orders paid, and ignores a repeated payment", async () => {
    const { a, customer, input } = await pricedCart({});
    const checkout = await placeCheckout(database.db, deps, { customerId: customer.userId, input });
    expect(await level(a.variantId)).toEqual({ on_hand: 10, reserved: 1 });
    expect(await markCheckoutPaid(database.db, { checkoutId: checkout.id, provider: "sandbox" })).toEqual({
      alreadyPaid: false,
    });
    expect(await markCheckoutPaid(database.db, { checkoutId: checkout.id, provider: "sandbox" })).toEqual({
      alreadyPaid: true,
    });
    expect(await level(a.variantId)).toEqual({ on_hand: 9, reserved: 0 });
    // One capture entry: the provider's clearing account holds the grand total, each seller's
    // pending balance their order less the default 5% commission on goods, the platform the rest.
    const orderA = checkout.orders.find((order) => order.storeId === a.store.id);
    expect(await accountBalance(database.db, accounts.sellerPending(a.store.id))).toBe((orderA?.total ?? 0) - 150_000);
    const entries = await database.db
      .selectFrom("journal_entries")
      .select("kind")
      .where("reference_id", "=", checkout.id)
      .execute();
    expect(entries).toEqual([{ kind: "payment.captured" }]);
    expect(await checkLedgerInvariants(database.db)).toMatchObject({ ok: true });
    const orders = await database.db
      .selectFrom("orders")
      .select("status")
      .where("checkout_id", "=", checkout.id)
      .execute();
    expect(orders.map((order) => order.status)).toEqual(["paid", "paid"]);
    // A paid checkout never expires (the sweep may expire other tests' unpaid ones).
    await expireUnpaidCheckouts(database.db, { now: new Date(Date.now() + 3_600_000) });
    const after = await database.db
      .selectFrom("checkouts")
      .select("status")
      .where("id", "=", checkout.id)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe("paid");
    expect(await level(a.variantId)).toEqual({ on_hand: 9, reserved: 0 });
  });

  it("expires an unpaid checkout, releasing stock, the coupon use and the coins; replaying changes nothing", async () => {
    const coupon = await platformCoupon("BALIK10");
    const { a, b, customer, input } = await pricedCart({ code: "BALIK10", coins: 5_000 });
    const checkout = await placeCheckout(database.db, deps, { customerId: customer.userId, input });
    expect(await couponUses(coupon.coupon.id)).toEqual(["reserved"]);
    expect(await coinBalance(database.db, customer.userId)).toBe(0);
    // Not yet due.
    await expireUnpaidCheckouts(database.db, { now: new Date() });
    expect(await couponUses(coupon.coupon.id)).toEqual(["reserved"]);

    const later = new Date(checkout.expiresAt.getTime() + 1000);
    // Two sweeps racing (two workers): the effects below happen exactly once (coins back once, not twice).
    const counts = await Promise.all([
      expireUnpaidCheckouts(database.db, { now: later }),
      expireUnpaidCheckouts(database.db, { now: later }),
    ]);
    expect(counts.reduce((sum, n) => sum + n, 0)).toBeGreaterThanOrEqual(1);
    const snapshot = async () => ({
      a: await level(a.variantId),
      b: await level(b.variantId),
      coins: await coinBalance(database.db, customer.userId),
      uses: await couponUses(coupon.coupon.id),
      checkout: (
        await database.db
          .selectFrom("checkouts")
          .select("status")
          .where("id", "=", checkout.id)
          .executeTakeFirstOrThrow()
      ).status,
      orders: (
        await database.db.selectFrom("orders").select("status").where("checkout_id", "=", checkout.id).execute()
      ).map((order) => order.status),
      events: (
        await database.db
          .selectFrom("order_events")
          .innerJoin("orders", "orders.id", "order_events.order_id")
          .select("order_events.id")
          .where("orders.checkout_id", "=", checkout.id)
          .execute()
      ).length,
    });
    const after = await snapshot();
    expect(after).toMatchObject({
      a: { on_hand: 10, reserved: 0 },
      b: { on_hand: 10, reserved: 0 },
      coins: 5_000,
      uses: ["released"],
      checkout: "expired",
      orders: ["cancelled", "cancelled"],
    });
    await expireUnpaidCheckouts(database.db, { now: later });
    expect(await snapshot()).toEqual(after);
    // Paying an expired checkout is refused, so the payment step refunds instead.
    await expect(markCheckoutPaid(database.db, { checkoutId: checkout.id, provider: "sandbox" })).rejects.toMatchObject(
      {
        code: "CONFLICT",
      },
    );
  });

  it("announces stock.changed per product when units are held and released, not when a payment commits them", async () => {
    // Events after `since` (creating a product with stock announces its first level too).
    const stockChangedSince = async (since: number, productIds: string[]) =>
      (
        await database.db
          .selectFrom("domain_events")
          .select(["aggregate_id", "payload"])
          .where("type", "=", "stock.changed")
          .where("aggregate_id", "in", productIds)
          .where("id", ">", since)
          .orderBy("id")
          .execute()
      ).map((row) => [row.aggregate_id, row.payload]);
    const lastEventId = async () =>
      Number(
        (
          await database.db
            .selectFrom("domain_events")
            .select((eb) => eb.fn.max("id").as("id"))
            .executeTakeFirst()
        )?.id ?? 0,
      );
    const announced = (cart: Awaited<ReturnType<typeof pricedCart>>, which: ("a" | "b")[]) =>
      which.map((key) => [
        cart[key].product.id,
        { productId: cart[key].product.id, variantIds: [cart[key].variantId] },
      ]);

    const paid = await pricedCart({});
    const paidProducts = [paid.a.product.id, paid.b.product.id];
    const beforePaid = await lastEventId();
    const paidCheckout = await placeCheckout(database.db, deps, {
      customerId: paid.customer.userId,
      input: paid.input,
    });
    expect((await stockChangedSince(beforePaid, paidProducts)).sort()).toEqual(announced(paid, ["a", "b"]).sort());
    const afterHold = await lastEventId();
    await markCheckoutPaid(database.db, { checkoutId: paidCheckout.id, provider: "sandbox" });
    expect(await stockChangedSince(afterHold, paidProducts)).toEqual([]);

    const unpaid = await pricedCart({});
    const beforeUnpaid = await lastEventId();
    const checkout = await placeCheckout(database.db, deps, {
      customerId: unpaid.customer.userId,
      input: unpaid.input,
    });
    await expireUnpaidCheckouts(database.db, { now: new Date(checkout.expiresAt.getTime() + 1000) });
    // Held, then released.
    expect(await stockChangedSince(beforeUnpaid, [unpaid.a.product.id])).toEqual([
      ...announced(unpaid, ["a"]),
      ...announced(unpaid, ["a"]),
    ]);
  });
});

describe("cancelling a paid order", () => {
  const sandboxGateways = () => gatewaysOf(createSandboxProvider(database.db));
  const refundsOf = (orderId: string) =>
    database.db
      .selectFrom("refunds")
      .select(["amount", "destination", "status", "provider"])
      .where("order_id", "=", orderId)
      .execute();

  it("sends the order's money back to the card through the provider, once, and the ledger still balances", async () => {
    const { a, customer, input } = await pricedCart({});
    const checkout = await placeCheckout(database.db, deps, { customerId: customer.userId, input });
    await markCheckoutPaid(database.db, { checkoutId: checkout.id, provider: "sandbox" });
    const order = checkout.orders.find((o) => o.storeId === a.store.id);
    if (!order) throw new Error("expected the first store's order");
    const cancelled = await cancelMyOrder(database.db, customer, { id: order.id }, { refunds: sandboxGateways() });
    expect(cancelled.status).toBe("cancelled");
    expect(await refundsOf(order.id)).toEqual([
      { amount: order.total, destination: "original", status: "succeeded", provider: "sandbox" },
    ]);
    // The seller's pending balance gave the order back (the other store's order is untouched).
    expect(await accountBalance(database.db, accounts.sellerPending(a.store.id))).toBe(0);
    expect(await level(a.variantId)).toEqual({ on_hand: 10, reserved: 0 });
    expect(await checkLedgerInvariants(database.db)).toMatchObject({ ok: true });
  });

  it("refunds a checkout paid partly from the wallet the way it was paid: card first, the rest to the wallet", async () => {
    const { a, b, customer, input } = await pricedCart({});
    await fundWallet(customer.userId, 3_500_000);
    const checkout = await placeCheckout(database.db, deps, {
      customerId: customer.userId,
      input: { ...input, walletAmount: 3_500_000 },
    });
    await markCheckoutPaid(database.db, { checkoutId: checkout.id, provider: "sandbox" });
    const cardPart = checkout.grandTotal - 3_500_000;
    const bigOrder = checkout.orders.find((o) => o.storeId === a.store.id);
    const smallOrder = checkout.orders.find((o) => o.storeId === b.store.id);
    if (!bigOrder || !smallOrder) throw new Error("expected both orders");
    // The small order fits in what the card paid; the big one (3,000,000 of goods) does not.
    expect(smallOrder.total).toBeLessThanOrEqual(cardPart);
    const cardLeft = cardPart - smallOrder.total;
    expect(bigOrder.total).toBeGreaterThan(cardLeft);
    await cancelMyOrder(database.db, customer, { id: smallOrder.id }, { refunds: sandboxGateways() });
    await cancelMyOrder(database.db, customer, { id: bigOrder.id }, { refunds: sandboxGateways() });
    expect(await refundsOf(smallOrder.id)).toMatchObject([
      { amount: smallOrder.total, destination: "original", status: "succeeded" },
    ]);
    const big = await refundsOf(bigOrder.id);
    expect(big.map((refund) => [refund.destination, refund.amount, refund.status]).sort()).toEqual([
      ["original", cardLeft, "succeeded"],
      ["wallet", bigOrder.total - cardLeft, "succeeded"],
    ]);
    // Everything the card paid went back to the card; the wallet got back exactly its part.
    expect(smallOrder.total + cardLeft).toBe(cardPart);
    expect(await accountBalance(database.db, accounts.customerWallet(customer.userId))).toBe(3_500_000);
    expect(await checkLedgerInvariants(database.db)).toMatchObject({ ok: true });
  });

  it("lets one of two racing cancels of the same paid order refund it", async () => {
    const { a, customer, input } = await pricedCart({});
    const checkout = await placeCheckout(database.db, deps, { customerId: customer.userId, input });
    await markCheckoutPaid(database.db, { checkoutId: checkout.id, provider: "sandbox" });
    const order = checkout.orders.find((o) => o.storeId === a.store.id);
    if (!order) throw new Error("expected the first store's order");
    const results = await Promise.allSettled(
      [1, 2].map(() => cancelMyOrder(database.db, customer, { id: order.id }, { refunds: sandboxGateways() })),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await refundsOf(order.id)).toHaveLength(1);
    expect(await checkLedgerInvariants(database.db)).toMatchObject({ ok: true });
  });
});
