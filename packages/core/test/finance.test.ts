import type { CheckoutDeps } from "@niaga/core/checkout/checkout.service";
import { coinBalance } from "@niaga/core/coins/coins.checkout";
import { calendarDate } from "@niaga/core/coins/coins.policy";
import { claimDaily } from "@niaga/core/coins/coins.service";
import { createBankAccount } from "@niaga/core/finance/bank-accounts.service";
import { sellerEarnings, sellerStatement } from "@niaga/core/finance/finance.read";
import { approveWithdrawal } from "@niaga/core/finance/withdrawals.payout";
import { markWithdrawalPaid, requestWithdrawal } from "@niaga/core/finance/withdrawals.service";
import { accounts } from "@niaga/core/ledger/ledger.accounts";
import type { RefundParams } from "@niaga/core/ledger/ledger.flows";
import { recordOrderCompleted, recordRefund } from "@niaga/core/ledger/ledger.flows";
import { checkLedgerInvariants } from "@niaga/core/ledger/ledger.invariants";
import { accountBalance } from "@niaga/core/ledger/ledger.service";
import { transitionOrder } from "@niaga/core/orders/order-transition";
import { newId } from "@niaga/core/shared/ids";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { insertUser } from "./support/catalog-fixtures.ts";
import { checkoutDeps } from "./support/checkout-fixtures.ts";
import { capturedShare, completeOrder, paidCheckout } from "./support/finance-fixtures.ts";
import { insertCheckoutOrders } from "./support/order-fixtures.ts";

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

// `+ 0`: a zero credit-normal balance reads as -0.
const pending = async (storeId: string) => (await accountBalance(database.db, accounts.sellerPending(storeId))) + 0;
const available = async (storeId: string) => (await accountBalance(database.db, accounts.sellerAvailable(storeId))) + 0;
const settlement = (orderId: string) =>
  database.db.selectFrom("order_settlements").selectAll().where("order_id", "=", orderId).executeTakeFirstOrThrow();
const refund = (params: Omit<RefundParams, "refundId" | "provider" | "reason"> & { refundId?: string }) =>
  database.db
    .transaction()
    .execute((trx) =>
      recordRefund(trx, { provider: "sandbox", reason: "test", refundId: params.refundId ?? newId(), ...params }),
    );
const entriesWithKey = (key: string) =>
  database.db.selectFrom("journal_entries").select("id").where("idempotency_key", "=", key).execute();

describe("order completed: pending → available", () => {
  it("moves exactly the capture's seller share once, on completion, and ignores replays", async () => {
    const { checkout, orders } = await paidCheckout(database.db, deps, { prices: [3_000_000, 1_000_000] });
    const [a, b] = orders as [(typeof orders)[0], (typeof orders)[0]];
    const shareA = await capturedShare(database.db, checkout.id, a.storeId);
    // 5% default commission on goods: the seller keeps the rest of goods plus shipping.
    expect(shareA).toBe(a.total - 150_000);
    expect(await pending(a.storeId)).toBe(shareA);

    await completeOrder(database.db, a.id);
    expect(await pending(a.storeId)).toBe(0);
    expect(await available(a.storeId)).toBe(shareA);
    // The other store's order is untouched until it completes.
    expect(await pending(b.storeId)).toBe(await capturedShare(database.db, checkout.id, b.storeId));
    expect(await available(b.storeId)).toBe(0);

    const replay = await database.db.transaction().execute((trx) => recordOrderCompleted(trx, { orderId: a.id }));
    expect(replay).toMatchObject({ duplicate: true, released: 0 });
    expect(await available(a.storeId)).toBe(shareA);
    expect(await entriesWithKey(`order.completed:${a.id}`)).toHaveLength(1);
  });

  it("releases once when completion runs concurrently", async () => {
    const { checkout, orders } = await paidCheckout(database.db, deps, { prices: [2_000_000] });
    const order = orders[0] as (typeof orders)[0];
    const share = await capturedShare(database.db, checkout.id, order.storeId);
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        database.db.transaction().execute((trx) => recordOrderCompleted(trx, { orderId: order.id })),
      ),
    );
    expect(results.filter((result) => result && !result.duplicate)).toHaveLength(1);
    expect(results.map((result) => result?.released).sort((x, y) => (x ?? 0) - (y ?? 0))).toEqual([
      ...Array(7).fill(0),
      share,
    ]);
    expect(await pending(order.storeId)).toBe(0);
    expect(await available(order.storeId)).toBe(share);
    expect(await entriesWithKey(`order.completed:${order.id}`)).toHaveLength(1);
  });

  it("releases nothing for an order whose checkout was never captured", async () => {
    const { orders } = await insertCheckoutOrders(database.db, { orders: [{ status: "delivered" }] });
    const order = orders[0] as (typeof orders)[0];
    await completeOrder(database.db, order.id);
    expect(await entriesWithKey(`order.completed:${order.id}`)).toHaveLength(0);
    expect(await available(order.storeId)).toBe(0);
  });
});

describe("refunds", () => {
  it("after partial completion, takes the seller's part from available on the completed order and pending on the other", async () => {
    const { checkout, orders, customer } = await paidCheckout(database.db, deps, { prices: [3_000_000, 1_000_000] });
    const [a, b] = orders as [(typeof orders)[0], (typeof orders)[0]];
    const shareA = await capturedShare(database.db, checkout.id, a.storeId);
    const shareB = await capturedShare(database.db, checkout.id, b.storeId);
    await completeOrder(database.db, a.id);
    const revenueBefore = await accountBalance(database.db, accounts.platformRevenue());

    // A: 100,000 of its total back to the wallet, from the seller's available balance.
    const fromA = await refund({ orderId: a.id, amount: 100_000, destination: "wallet" });
    expect(fromA.from).toBe("available");
    expect(fromA.sellerPart + fromA.commissionPart).toBe(100_000);
    // The commission comes back in the order's proportion (150,000 of the goods-plus-shipping gross).
    const settledA = await settlement(a.id);
    expect(Math.abs(fromA.commissionPart - (100_000 * settledA.commission) / a.total)).toBeLessThan(1);
    expect(await available(a.storeId)).toBe(shareA - fromA.sellerPart);
    expect(await pending(a.storeId)).toBe(0);
    expect(await accountBalance(database.db, accounts.customerWallet(customer.userId))).toBe(100_000);

    // B (not completed): refunded in three parts that add up to the whole order.
    const third = Math.floor(b.total / 3);
    const parts = [third, third, b.total - 2 * third];
    const refundsB = [];
    for (const amount of parts) refundsB.push(await refund({ orderId: b.id, amount, destination: "original" }));
    expect(refundsB.every((part) => part.from === "pending")).toBe(true);
    expect(refundsB.reduce((sum, part) => sum + part.sellerPart, 0)).toBe(shareB);
    expect(await pending(b.storeId)).toBe(0);
    expect(await available(b.storeId)).toBe(0);
    const settledB = await settlement(b.id);
    expect(settledB).toMatchObject({
      refunded: b.total,
      seller_refunded: shareB,
      commission_refunded: settledB.commission,
    });
    // All of B's commission came back, and A's refund took its part.
    expect(await accountBalance(database.db, accounts.platformRevenue())).toBe(
      revenueBefore - settledB.commission - fromA.commissionPart,
    );

    // Nothing is left to refund on B; A refuses more than what is left.
    await expect(refund({ orderId: b.id, amount: 1, destination: "original" })).rejects.toMatchObject({
      code: "INVALID",
    });
    await expect(
      refund({ orderId: a.id, amount: a.total - 100_000 + 1, destination: "original" }),
    ).rejects.toMatchObject({
      code: "INVALID",
      message: `At most ${a.total - 100_000} can still be refunded on this order`,
    });
  });

  it("is idempotent by refund id, and refunds of coins and platform discounts go back to promotions", async () => {
    const { orders, checkout } = await paidCheckout(database.db, deps, {
      prices: [2_000_000, 1_000_000],
      coins: 30_001,
    });
    const [a] = orders as [(typeof orders)[0]];
    expect(checkout.coinsValue).toBe(30_001);
    const refundId = newId();
    const first = await refund({ orderId: a.id, amount: a.total, destination: "original", refundId });
    const again = await refund({ orderId: a.id, amount: a.total, destination: "original", refundId });
    expect(again).toMatchObject({ entryId: first.entryId, duplicate: true });
    const row = await settlement(a.id);
    // The full refund reverses this order's part of the capture exactly.
    expect(first.promotionsPart).toBe(a.coinsDiscount + a.platformDiscount);
    expect(first.sellerPart).toBe(row.seller_share);
    expect(first.commissionPart).toBe(row.commission);
    expect(await pending(a.storeId)).toBe(0);
    expect(await entriesWithKey(`refund:${refundId}`)).toHaveLength(1);
  });

  it("refuses a refund on an order that was never paid", async () => {
    await expect(refund({ orderId: "missing-order", amount: 1, destination: "wallet" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });
});

describe("a refund after payout", () => {
  it("leaves available negative, and the next earnings settle it", async () => {
    const first = await paidCheckout(database.db, deps, { prices: [1_000_000] });
    const order = first.orders[0] as (typeof first.orders)[0];
    const storeId = order.storeId;
    const share = await capturedShare(database.db, first.checkout.id, storeId);
    await completeOrder(database.db, order.id);

    const store = await database.db
      .selectFrom("stores")
      .select("owner_id")
      .where("id", "=", storeId)
      .executeTakeFirstOrThrow();
    const seller = { userId: store.owner_id, role: "seller" as const };
    const admin = await insertUser(database.db, "admin");
    const bank = await createBankAccount(database.db, seller, {
      bankName: "BCA",
      accountHolder: "Toko Uji",
      accountNumber: "1234567890",
    });
    const withdrawal = await requestWithdrawal(database.db, seller, {
      amount: share,
      bankAccountId: bank.id,
      currency: "IDR",
    });
    await approveWithdrawal(database.db, admin, { id: withdrawal.id }, { transfers: null });
    await markWithdrawalPaid(database.db, admin, { id: withdrawal.id, reference: "BCA-TRX-1" });
    expect(await available(storeId)).toBe(0);

    const refunded = await refund({ orderId: order.id, amount: 200_000, destination: "wallet" });
    expect(refunded.from).toBe("available");
    expect(await available(storeId)).toBe(-refunded.sellerPart);
    // A negative balance cannot be withdrawn.
    await expect(
      requestWithdrawal(database.db, seller, { amount: 1, bankAccountId: bank.id, currency: "IDR" }),
    ).rejects.toMatchObject({ code: "INVALID" });

    // The same store sells again: its next completed order settles the debt.
    const variant = await database.db
      .selectFrom("variants as v")
      .innerJoin("products as p", "p.id", "v.product_id")
      .select("v.id")
      .where("p.store_id", "=", storeId)
      .executeTakeFirstOrThrow();
    const second = await paidCheckout(database.db, deps, {
      prices: [1_000_000],
      stores: [{ storeId, variantId: variant.id }],
    });
    const nextShare = await capturedShare(database.db, second.checkout.id, storeId);
    await completeOrder(database.db, (second.orders[0] as (typeof second.orders)[0]).id);
    expect(await available(storeId)).toBe(nextShare - refunded.sellerPart);
    expect((await accountBalance(database.db, accounts.payoutsInTransit(storeId))) + 0).toBe(0);
  });
});

describe("coins accounting", () => {
  const liability = () => accountBalance(database.db, accounts.coinsLiability());
  const promotions = () => accountBalance(database.db, accounts.platformPromotions());

  it("issues coins against promotions, spends them at capture, and re-issues them when a paid checkout is cancelled", async () => {
    const customer = await insertUser(database.db, "customer");
    const [liabilityBefore, promotionsBefore] = [await liability(), await promotions()];
    const policy = { timeZone: "Asia/Jakarta", dailyAmount: 25, streakBonus: 5, streakMaxDays: 7 };
    const money = { minorUnitsPerCoin: 100, currency: "IDR" };
    const claim = await claimDaily(database.db, customer, { policy, money, now: new Date("2026-05-01T03:00:00Z") });
    expect(claim.coins).toBe(25);
    await claimDaily(database.db, customer, { policy, money, now: new Date("2026-05-01T04:00:00Z") });
    // 25 coins worth 100 minor units each, once (the second claim that day credits nothing).
    expect(await liability()).toBe(liabilityBefore + 2_500);
    expect(await promotions()).toBe(promotionsBefore + 2_500);

    // Paid with 40,000 coins (1 minor unit each by default), then every order cancelled by the buyer.
    const {
      checkout,
      orders,
      customer: buyer,
    } = await paidCheckout(database.db, deps, {
      prices: [1_000_000, 1_000_000],
      coins: 40_000,
    });
    expect(checkout.coinsValue).toBe(40_000);
    const afterCapture = await liability();
    expect(afterCapture).toBe(liabilityBefore + 2_500);
    for (const order of orders) {
      await transitionOrder(database.db, {
        orderId: order.id,
        to: "cancelled",
        actor: { kind: "customer", userId: buyer.userId, role: "customer" },
        scope: { customerId: buyer.userId },
      });
    }
    expect(await coinBalance(database.db, buyer.userId)).toBe(40_000);
    expect(await liability()).toBe(afterCapture + 40_000);
    expect(await entriesWithKey(`coins.returned:${checkout.id}`)).toHaveLength(1);
  });
});

describe("statement and earnings", () => {
  it("names the order each line came from and sums earnings per day in the marketplace time zone", async () => {
    const { checkout, orders } = await paidCheckout(database.db, deps, { prices: [1_500_000] });
    const order = orders[0] as (typeof orders)[0];
    const share = await capturedShare(database.db, checkout.id, order.storeId);
    const owner = await database.db
      .selectFrom("stores")
      .select("owner_id")
      .where("id", "=", order.storeId)
      .executeTakeFirstOrThrow();
    const seller = { userId: owner.owner_id, role: "seller" as const };
    await completeOrder(database.db, order.id);
    const refunded = await refund({ orderId: order.id, amount: 50_000, destination: "wallet" });

    const statement = await sellerStatement(database.db, seller, { limit: 10 });
    expect(statement.items.map((line) => [line.kind, line.account, line.amount, line.orderNumber])).toEqual([
      ["refund", "available", -refunded.sellerPart, order.number],
      // One entry's lines are written in account-code order: available, then pending.
      ["order.completed", "pending", -share, order.number],
      ["order.completed", "available", share, order.number],
      ["payment.captured", "pending", share, order.number],
    ]);

    const today = calendarDate(new Date(), "Asia/Jakarta");
    const report = await sellerEarnings(database.db, seller, {
      from: today,
      to: today,
      granularity: "day",
      timeZone: "Asia/Jakarta",
      currency: "IDR",
    });
    expect(report.periods).toEqual([
      { period: today, earned: share, refunded: refunded.sellerPart, net: share - refunded.sellerPart },
    ]);
    const month = await sellerEarnings(database.db, seller, {
      from: "2020-01-01",
      to: "2020-03-31",
      granularity: "month",
      timeZone: "Asia/Jakarta",
      currency: "IDR",
    });
    expect(month.periods.map((period) => [period.period, period.net])).toEqual([
      ["2020-01-01", 0],
      ["2020-02-01", 0],
      ["2020-03-01", 0],
    ]);
  });
});
