import { redeemCoins } from "@niaga/core/coins/coins.checkout";
import { adjustCoins } from "@niaga/core/coins/coins.service";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeOf } from "./support/errors.ts";
import type { TestApi } from "./support/harness.ts";
import { startTestApi } from "./support/harness.ts";

let api: TestApi;
beforeAll(async () => {
  // Non-default rules, so the test proves configuration reaches the procedures.
  api = await startTestApi({
    COINS_DAILY_AMOUNT: "40",
    COINS_MINOR_UNITS_PER_COIN: "100",
    COINS_MAX_REDEEM_PERCENT: "30",
  });
});
afterAll(() => api.stop());

/** Today in Jakarta, as the server computes it. */
function jakartaToday(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jakarta" }).format(new Date());
}

describe("coins over HTTP", () => {
  it("claims once a day, then shows the balance and the claim in the history", async () => {
    const customer = api.client((await api.userWithRole("customer")).token);
    const before = await customer.customer.coins.balance.query();
    expect(before).toEqual({
      balance: 0,
      today: jakartaToday(),
      claimedToday: false,
      streak: 0,
      nextClaimCoins: 40,
      minorUnitsPerCoin: 100,
      maxRedeemPercent: 30,
    });

    const claim = await customer.customer.coins.claimDaily.mutate();
    expect(claim).toEqual({ alreadyClaimed: false, claimDate: jakartaToday(), streak: 1, coins: 40, balance: 40 });
    const again = await customer.customer.coins.claimDaily.mutate();
    expect(again).toMatchObject({ alreadyClaimed: true, coins: 40, balance: 40 });

    const after = await customer.customer.coins.balance.query();
    expect(after).toMatchObject({ balance: 40, claimedToday: true, streak: 1, nextClaimCoins: 45 });

    const history = await customer.customer.coins.history.query({ limit: 10 });
    expect(history.nextCursor).toBeNull();
    expect(history.items).toHaveLength(1);
    expect(history.items[0]).toMatchObject({ kind: "daily_claim", delta: 40, reference: jakartaToday() });
    expect(history.items[0]?.createdAt).toBeInstanceOf(Date);
  });

  it("credits once when one customer fires 10 claims at once", async () => {
    const customer = api.client((await api.userWithRole("customer")).token);
    const results = await Promise.all(Array.from({ length: 10 }, () => customer.customer.coins.claimDaily.mutate()));
    expect(results.filter((result) => !result.alreadyClaimed)).toHaveLength(1);
    expect((await customer.customer.coins.balance.query()).balance).toBe(40);
  });

  it("pages the history newest first, showing only the caller's own entries", async () => {
    const user = await api.userWithRole("customer");
    const customer = api.client(user.token);
    const other = api.client((await api.userWithRole("customer")).token);
    await other.customer.coins.claimDaily.mutate();
    const admin = { userId: (await api.userWithRole("admin")).id, role: "admin" as const };
    await adjustCoins(api.database.db, admin, { customerId: user.id, delta: 100, reason: "welcome" });
    const checkouts = ["checkout-a", "checkout-b", "checkout-c"];
    for (const checkoutId of checkouts) {
      await api.database.db
        .transaction()
        .execute((trx) => redeemCoins(trx, { customerId: user.id, checkoutId, coins: 10, minorUnitsPerCoin: 100 }));
    }

    const first = await customer.customer.coins.history.query({ limit: 2 });
    expect(first.items.map((entry) => entry.reference)).toEqual(["checkout-c", "checkout-b"]);
    const second = await customer.customer.coins.history.query({ limit: 2, cursor: first.nextCursor });
    expect(second.items.map((entry) => [entry.kind, entry.delta, entry.reference])).toEqual([
      ["checkout_redeem", -10, "checkout-a"],
      ["adjustment", 100, "welcome"],
    ]);
    expect(second.nextCursor).toBeNull();
    expect((await customer.customer.coins.balance.query()).balance).toBe(70);
    expect(await codeOf(customer.customer.coins.history.query({ limit: 2, cursor: "bogus" }))).toBe("BAD_REQUEST");
    expect(await codeOf(customer.customer.coins.history.query({ limit: 0 }))).toBe("BAD_REQUEST");
  });

  it("refuses anonymous callers and staff accounts; sellers are customers too", async () => {
    const anonymous = api.client();
    expect(await codeOf(anonymous.customer.coins.claimDaily.mutate())).toBe("UNAUTHORIZED");
    expect(await codeOf(anonymous.customer.coins.balance.query())).toBe("UNAUTHORIZED");
    expect(await codeOf(anonymous.customer.coins.history.query({ limit: 5 }))).toBe("UNAUTHORIZED");
    const manager = api.client((await api.userWithRole("manager")).token);
    expect(await codeOf(manager.customer.coins.claimDaily.mutate())).toBe("FORBIDDEN");
    const seller = api.client((await api.userWithRole("seller")).token);
    expect((await seller.customer.coins.claimDaily.mutate()).coins).toBe(40);
  });
});
