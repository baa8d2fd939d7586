import { coinBalance, maxRedeemableCoins, redeemCoins, refundCheckoutCoins } from "@niaga/core/coins/coins.checkout";
import type { CoinPolicy } from "@niaga/core/coins/coins.policy";
import { calendarDate } from "@niaga/core/coins/coins.policy";
import { ledgerSum } from "@niaga/core/coins/coins.queries";
import { coinHistory, coinOverview, findBalanceMismatches } from "@niaga/core/coins/coins.read";
import { adjustCoins, claimDaily } from "@niaga/core/coins/coins.service";
import { newId } from "@niaga/core/shared/ids";
import type { Actor } from "@niaga/core/users/users.service";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser } from "./support/catalog-fixtures.ts";

const policy: CoinPolicy = { timeZone: "Asia/Jakarta", dailyAmount: 25, streakBonus: 5, streakMaxDays: 7 };
const DAY = 24 * 60 * 60 * 1000;

let database: TestDatabase;
let admin: Actor;
beforeAll(async () => {
  database = await createTestDatabase();
  admin = await insertUser(database.db, "admin");
});
afterAll(() => database.drop());

async function outcome(promise: Promise<unknown>) {
  return promise.then(
    (value) => value,
    (error: { code?: string; message?: string }) => error.code ?? `ERROR ${error.message}`,
  );
}

/** A customer holding `coins` (credited by an audited adjustment). */
async function customerWith(coins: number) {
  const customer = await insertUser(database.db, "customer");
  if (coins > 0) await adjustCoins(database.db, admin, { customerId: customer.userId, delta: coins, reason: "seed" });
  return customer;
}

function redeemAlone(customerId: string, coins: number, checkoutId = newId()) {
  return database.db
    .transaction()
    .execute((trx) => redeemCoins(trx, { customerId, checkoutId, coins, minorUnitsPerCoin: 1 }));
}

describe("daily claims", () => {
  it("counts calendar days in the marketplace time zone: 23:30 UTC is already tomorrow in Jakarta", async () => {
    const customer = await insertUser(database.db, "customer");
    const evening = new Date("2026-03-10T12:00:00Z"); // 19:00 in Jakarta, 10 March
    const lateUtc = new Date("2026-03-10T23:30:00Z"); // still 10 March in UTC, 06:30 on 11 March in Jakarta
    expect(calendarDate(lateUtc, "Asia/Jakarta")).toBe("2026-03-11");

    const first = await claimDaily(database.db, customer, { policy, now: evening });
    expect(first).toEqual({ alreadyClaimed: false, claimDate: "2026-03-10", streak: 1, coins: 25, balance: 25 });
    const second = await claimDaily(database.db, customer, { policy, now: lateUtc });
    expect(second).toEqual({ alreadyClaimed: false, claimDate: "2026-03-11", streak: 2, coins: 30, balance: 55 });
    const again = await claimDaily(database.db, customer, { policy, now: new Date("2026-03-11T16:59:59Z") });
    expect(again).toEqual({ alreadyClaimed: true, claimDate: "2026-03-11", streak: 2, coins: 30, balance: 55 });

    // The same two instants fall on one day when the marketplace runs on UTC.
    const utcCustomer = await insertUser(database.db, "customer");
    const utc = { ...policy, timeZone: "UTC" };
    expect((await claimDaily(database.db, utcCustomer, { policy: utc, now: evening })).alreadyClaimed).toBe(false);
    expect((await claimDaily(database.db, utcCustomer, { policy: utc, now: lateUtc })).alreadyClaimed).toBe(true);
    expect(await coinBalance(database.db, utcCustomer.userId)).toBe(25);
  });

  it("grows the streak bonus over consecutive days up to the cap, and restarts after a gap", async () => {
    const customer = await insertUser(database.db, "customer");
    const start = Date.parse("2026-04-01T03:00:00Z");
    const claims = [];
    for (let day = 0; day < 9; day++) {
      claims.push(await claimDaily(database.db, customer, { policy, now: new Date(start + day * DAY) }));
    }
    expect(claims.map((claim) => claim.streak)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(claims.map((claim) => claim.coins)).toEqual([25, 30, 35, 40, 45, 50, 55, 55, 55]);
    expect(claims.at(-1)?.balance).toBe(390);

    // Day 10 is skipped: on day 11 the overview shows the streak broken, and the claim restarts it.
    const day11 = new Date(start + 10 * DAY);
    const overview = await coinOverview(database.db, customer, {
      policy,
      minorUnitsPerCoin: 1,
      maxRedeemPercent: 50,
      now: day11,
    });
    expect(overview).toEqual({
      balance: 390,
      today: "2026-04-11",
      claimedToday: false,
      streak: 0,
      nextClaimCoins: 25,
      minorUnitsPerCoin: 1,
      maxRedeemPercent: 50,
    });
    const restarted = await claimDaily(database.db, customer, { policy, now: day11 });
    expect(restarted).toMatchObject({ claimDate: "2026-04-11", streak: 1, coins: 25, balance: 415 });

    // One daily entry per day, a bonus entry on every day after the first of a streak.
    const entries = await database.db
      .selectFrom("coin_entries")
      .select(["kind", "delta", "reference"])
      .where("customer_id", "=", customer.userId)
      .execute();
    expect(entries.filter((entry) => entry.kind === "daily_claim")).toHaveLength(10);
    expect(entries.filter((entry) => entry.kind === "streak_bonus").map((entry) => entry.delta)).toEqual(
      expect.arrayContaining([5, 10, 15, 20, 25, 30, 30, 30]),
    );
    expect(await ledgerSum(database.db, customer.userId)).toBe(415);
  });

  it("shows a streak still alive from yesterday, and tomorrow's amount once today is claimed", async () => {
    const customer = await insertUser(database.db, "customer");
    const day1 = new Date("2026-05-01T02:00:00Z");
    const day2 = new Date(day1.getTime() + DAY);
    await claimDaily(database.db, customer, { policy, now: day1 });
    const params = { policy, minorUnitsPerCoin: 1, maxRedeemPercent: 50 };
    const before = await coinOverview(database.db, customer, { ...params, now: day2 });
    expect(before).toMatchObject({ claimedToday: false, streak: 1, nextClaimCoins: 30, balance: 25 });
    await claimDaily(database.db, customer, { policy, now: day2 });
    const after = await coinOverview(database.db, customer, { ...params, now: day2 });
    expect(after).toMatchObject({
      today: "2026-05-02",
      claimedToday: true,
      streak: 2,
      nextClaimCoins: 35,
      balance: 55,
    });
  });

  it("credits exactly once when 10 claims race for the same day", async () => {
    const customer = await insertUser(database.db, "customer");
    const now = new Date("2026-06-15T05:00:00Z");
    const results = await Promise.all(
      Array.from({ length: 10 }, () => claimDaily(database.db, customer, { policy, now })),
    );
    expect(results.filter((result) => !result.alreadyClaimed)).toHaveLength(1);
    expect(results.filter((result) => result.alreadyClaimed)).toHaveLength(9);
    expect(results.every((result) => result.balance === 25 && result.claimDate === "2026-06-15")).toBe(true);
    const claims = await database.db
      .selectFrom("coin_daily_claims")
      .selectAll()
      .where("customer_id", "=", customer.userId)
      .execute();
    expect(claims).toHaveLength(1);
    expect(await ledgerSum(database.db, customer.userId)).toBe(25);
    expect(await coinBalance(database.db, customer.userId)).toBe(25);
  });

  it("refuses a second claim row for a day in the database itself, not only in the service", async () => {
    const customer = await insertUser(database.db, "customer");
    await claimDaily(database.db, customer, { policy, now: new Date("2026-07-01T05:00:00Z") });
    const duplicate = await database.db
      .insertInto("coin_daily_claims")
      .values({ customer_id: customer.userId, claim_date: "2026-07-01", streak: 1, coins: 25 })
      .execute()
      .catch((error: { code?: string }) => error.code);
    expect(duplicate).toBe("23505");
    const duplicateEntry = await database.db
      .insertInto("coin_entries")
      .values({ id: newId(), customer_id: customer.userId, delta: 25, kind: "daily_claim", reference: "2026-07-01" })
      .execute()
      .catch((error: { code?: string }) => error.code);
    expect(duplicateEntry).toBe("23505");
  });
});

describe("redeeming at checkout", () => {
  it("caps redeemable coins at the configured share of the subtotal, rounding down", () => {
    expect(maxRedeemableCoins({ subtotal: 10_001, maxPercent: 50, minorUnitsPerCoin: 1 })).toBe(5000);
    expect(maxRedeemableCoins({ subtotal: 10_000, maxPercent: 50, minorUnitsPerCoin: 100 })).toBe(50);
    expect(maxRedeemableCoins({ subtotal: 10_099, maxPercent: 50, minorUnitsPerCoin: 100 })).toBe(50);
    expect(maxRedeemableCoins({ subtotal: 10_000, maxPercent: 0, minorUnitsPerCoin: 1 })).toBe(0);
    expect(maxRedeemableCoins({ subtotal: 0, maxPercent: 50, minorUnitsPerCoin: 1 })).toBe(0);
    expect(maxRedeemableCoins({ subtotal: 9_000_000_000_000_000, maxPercent: 30, minorUnitsPerCoin: 1 })).toBe(
      2_700_000_000_000_000,
    );
  });

  it("lets exactly 3 of 10 concurrent 30-coin redemptions through on a balance of 100", async () => {
    const customer = await customerWith(100);
    const results = await Promise.all(Array.from({ length: 10 }, () => outcome(redeemAlone(customer.userId, 30))));
    expect(results.filter((result) => result === 30)).toHaveLength(3);
    expect(results.filter((result) => result === "INVALID")).toHaveLength(7);
    expect(await coinBalance(database.db, customer.userId)).toBe(10);
    expect(await ledgerSum(database.db, customer.userId)).toBe(10);
    const redeemed = await database.db
      .selectFrom("coin_entries")
      .select("delta")
      .where("customer_id", "=", customer.userId)
      .where("kind", "=", "checkout_redeem")
      .execute();
    expect(redeemed.map((entry) => entry.delta)).toEqual([-30, -30, -30]);
  });

  it("answers a short balance with a field error, values coins, and undoes with the checkout's rollback", async () => {
    const customer = await customerWith(50);
    const short = await redeemAlone(customer.userId, 51).catch((error) => error);
    expect(short).toMatchObject({ code: "INVALID", message: "Not enough coins" });
    expect(short.fields.coins).toEqual(["Your balance is 50 coins"]);
    expect(await redeemAlone((await insertUser(database.db, "customer")).userId, 1).catch((e) => e.code)).toBe(
      "INVALID",
    );

    const value = await database.db
      .transaction()
      .execute((trx) =>
        redeemCoins(trx, { customerId: customer.userId, checkoutId: newId(), coins: 20, minorUnitsPerCoin: 100 }),
      );
    expect(value).toBe(2000);
    expect(await redeemAlone(customer.userId, 0)).toBe(0);

    const failedCheckout = database.db.transaction().execute(async (trx) => {
      await redeemCoins(trx, { customerId: customer.userId, checkoutId: newId(), coins: 30, minorUnitsPerCoin: 1 });
      throw new Error("stock ran out later in the checkout");
    });
    await expect(failedCheckout).rejects.toThrow("stock ran out");
    expect(await coinBalance(database.db, customer.userId)).toBe(30);

    const checkoutId = newId();
    await redeemAlone(customer.userId, 5, checkoutId);
    expect(await outcome(redeemAlone(customer.userId, 5, checkoutId))).toBe("CONFLICT");
    expect(await coinBalance(database.db, customer.userId)).toBe(25);
    expect(await outcome(redeemAlone(customer.userId, 1.5))).toBe("INVALID");
  });

  it("refunds a checkout's coins once, even when 10 refunds race", async () => {
    const customer = await customerWith(100);
    const checkoutId = newId();
    await redeemAlone(customer.userId, 40, checkoutId);
    expect(await coinBalance(database.db, customer.userId)).toBe(60);

    const refunds = await Promise.all(
      Array.from({ length: 10 }, () => refundCheckoutCoins(database.db, { checkoutId })),
    );
    expect(refunds.filter((coins) => coins === 40)).toHaveLength(1);
    expect(refunds.filter((coins) => coins === 0)).toHaveLength(9);
    expect(await refundCheckoutCoins(database.db, { checkoutId })).toBe(0);
    expect(await refundCheckoutCoins(database.db, { checkoutId: "never-redeemed" })).toBe(0);
    expect(await coinBalance(database.db, customer.userId)).toBe(100);

    const history = await coinHistory(database.db, customer, { limit: 10 });
    expect(history.items.map((entry) => [entry.kind, entry.delta, entry.reference])).toEqual([
      ["checkout_refund", 40, checkoutId],
      ["checkout_redeem", -40, checkoutId],
      ["adjustment", 100, "seed"],
    ]);
  });
});

describe("the books", () => {
  it("audits adjustments and refuses one that would go below zero", async () => {
    const customer = await customerWith(10);
    const refused = await adjustCoins(database.db, admin, {
      customerId: customer.userId,
      delta: -11,
      reason: "clawback",
    }).catch((error) => error);
    expect(refused).toMatchObject({ code: "INVALID", fields: { delta: ["The balance is 10 coins"] } });
    expect(
      await adjustCoins(database.db, admin, { customerId: customer.userId, delta: -4, reason: "clawback" }),
    ).toEqual({ balance: 6 });
    const audits = await database.db
      .selectFrom("audit_log")
      .select(["actor_id", "data"])
      .where("action", "=", "coins.adjusted")
      .where("target_id", "=", customer.userId)
      .execute();
    expect(audits.map((audit) => audit.data.delta)).toEqual(expect.arrayContaining([10, -4]));
    expect(audits).toHaveLength(2);
    expect(await outcome(adjustCoins(database.db, admin, { customerId: "nobody", delta: 1, reason: "x" }))).toBe(
      "NOT_FOUND",
    );
  });

  it("keeps every cached balance equal to the sum of its ledger entries, and notices when one is not", async () => {
    // Every test above has run claims, redemptions, refunds and adjustments on this database.
    expect(await findBalanceMismatches(database.db)).toEqual([]);
    const customer = await customerWith(7);
    await database.db
      .updateTable("coin_accounts")
      .set({ balance: 8 })
      .where("customer_id", "=", customer.userId)
      .execute();
    expect(await findBalanceMismatches(database.db)).toEqual([{ customerId: customer.userId, cached: 8, ledger: 7 }]);
  });
});
