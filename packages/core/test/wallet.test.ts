import { accounts } from "@niaga/core/ledger/ledger.accounts";
import { checkLedgerInvariants } from "@niaga/core/ledger/ledger.invariants";
import { postJournalEntry } from "@niaga/core/ledger/ledger.service";
import { newId } from "@niaga/core/shared/ids";
import { walletBalance, walletHistory } from "@niaga/core/wallet/wallet.read";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser } from "./support/catalog-fixtures.ts";
import { fund } from "./support/finance-fixtures.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

/** Pays `amount` from the wallet the way the capture does: the wallet may not go below zero. */
const spend = (customerId: string, amount: number) =>
  database.db.transaction().execute((trx) =>
    postJournalEntry(trx, {
      kind: "payment.captured",
      reference: { type: "checkout", id: newId() },
      idempotencyKey: `spend:${newId()}`,
      currency: "IDR",
      lines: [
        { account: accounts.customerWallet(customerId), amount },
        { account: accounts.platformRevenue(), amount: -amount },
      ],
      mustStayNonNegative: [accounts.customerWallet(customerId)],
    }),
  );

describe("the wallet", () => {
  it("never overdraws under concurrent spends", async () => {
    const customer = await insertUser(database.db, "customer");
    await fund(database.db, accounts.customerWallet(customer.userId), 1_000);
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => spend(customer.userId, 400)));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(2);
    for (const result of results) {
      if (result.status === "rejected") expect(result.reason).toMatchObject({ code: "INVALID" });
    }
    expect(await walletBalance(database.db, customer.userId, { currency: "IDR" })).toEqual({
      currency: "IDR",
      balance: 200,
    });
    expect(await checkLedgerInvariants(database.db)).toMatchObject({ ok: true });
  });

  it("lists the wallet's own movements newest first, page by page", async () => {
    const customer = await insertUser(database.db, "customer");
    const someoneElse = await insertUser(database.db, "customer");
    await fund(database.db, accounts.customerWallet(customer.userId), 5_000);
    await fund(database.db, accounts.customerWallet(someoneElse.userId), 9_999);
    await spend(customer.userId, 1_500);
    await spend(customer.userId, 500);
    const first = await walletHistory(database.db, customer.userId, { limit: 2 });
    expect(first.items.map((line) => line.amount)).toEqual([-500, -1_500]);
    expect(first.nextCursor).not.toBeNull();
    const second = await walletHistory(database.db, customer.userId, { limit: 2, cursor: first.nextCursor });
    expect(second.items.map((line) => [line.kind, line.amount])).toEqual([["test.opening", 5_000]]);
    expect(second.nextCursor).toBeNull();
    await expect(walletHistory(database.db, customer.userId, { limit: 2, cursor: "bogus" })).rejects.toMatchObject({
      code: "INVALID",
    });
    expect((await walletBalance(database.db, customer.userId, { currency: "IDR" })).balance).toBe(3_000);
    expect(await checkLedgerInvariants(database.db)).toMatchObject({ ok: true });
  });
});
