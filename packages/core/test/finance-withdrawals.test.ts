import { createBankAccount, deleteBankAccount, listBankAccounts } from "@niaga/core/finance/bank-accounts.service";
import { sellerBalances, sellerStatement } from "@niaga/core/finance/finance.read";
import { stripePayoutTransfers } from "@niaga/core/finance/stripe-transfers";
import { approveWithdrawal, setStripeAccount } from "@niaga/core/finance/withdrawals.payout";
import {
  listMyWithdrawals,
  listWithdrawals,
  markWithdrawalPaid,
  rejectWithdrawal,
  requestWithdrawal,
} from "@niaga/core/finance/withdrawals.service";
import { accounts } from "@niaga/core/ledger/ledger.accounts";
import { checkLedgerInvariants } from "@niaga/core/ledger/ledger.invariants";
import { accountBalance } from "@niaga/core/ledger/ledger.service";
import type { Actor } from "@niaga/core/users/users.service";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { mswServer } from "@niaga/testing/msw-setup";
import { FAKE_STRIPE_SECRET_KEY, fakeStripeConnect } from "@niaga/testing/stripe-connect";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { insertUser, sellerWithStore } from "./support/catalog-fixtures.ts";
import { fund } from "./support/finance-fixtures.ts";

let database: TestDatabase;
let admin: Actor;
beforeAll(async () => {
  database = await createTestDatabase();
  admin = await insertUser(database.db, "admin");
});
afterAll(() => database.drop());
afterEach(async () => {
  expect(await checkLedgerInvariants(database.db)).toMatchObject({ ok: true });
});

// `+ 0`: a zero credit-normal balance reads as -0.
const balance = async (account: Parameters<typeof accountBalance>[1]) =>
  (await accountBalance(database.db, account)) + 0;

/** A seller with a bank account on file and `available` in their available balance. */
async function fundedSeller(available: number) {
  const { seller, store } = await sellerWithStore(database.db);
  const bank = await createBankAccount(database.db, seller, {
    bankName: "Bank Mandiri",
    accountHolder: "Budi Santoso",
    accountNumber: "1370-0123-4567",
  });
  if (available > 0) await fund(database.db, accounts.sellerAvailable(store.id), available);
  return { seller, store, bank };
}

const request = (seller: Actor, bankAccountId: string, amount: number) =>
  requestWithdrawal(database.db, seller, { amount, bankAccountId, currency: "IDR" });

describe("requesting withdrawals", () => {
  it("lets exactly 3 of 10 concurrent requests through against a balance covering 3", async () => {
    const { seller, store, bank } = await fundedSeller(350_000);
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => request(seller, bank.id, 100_000)));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(3);
    for (const result of results) {
      if (result.status === "rejected") expect(result.reason).toMatchObject({ code: "INVALID" });
    }
    expect(await balance(accounts.sellerAvailable(store.id))).toBe(50_000);
    expect(await balance(accounts.payoutsInTransit(store.id))).toBe(300_000);
    const rows = await database.db
      .selectFrom("withdrawals")
      .select("status")
      .where("store_id", "=", store.id)
      .execute();
    expect(rows).toEqual(Array(3).fill({ status: "requested" }));
    expect(await sellerBalances(database.db, seller, { currency: "IDR" })).toEqual({
      currency: "IDR",
      pending: 0,
      available: 50_000,
      inTransit: 300_000,
    });
  });

  it("only uses the seller's own bank accounts, masked for display", async () => {
    const one = await fundedSeller(100_000);
    const other = await fundedSeller(100_000);
    expect(one.bank.accountNumberMasked).toBe("••••••••4567");
    await expect(request(one.seller, other.bank.id, 1_000)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteBankAccount(database.db, one.seller, { id: other.bank.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      createBankAccount(database.db, one.seller, {
        bankName: "Bank Mandiri",
        accountHolder: "Budi",
        accountNumber: "137001234567",
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await deleteBankAccount(database.db, one.seller, { id: one.bank.id });
    expect(await listBankAccounts(database.db, one.seller)).toEqual([]);
    await expect(request(one.seller, one.bank.id, 1_000)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Another seller's statement and withdrawals are not theirs to see.
    await request(other.seller, other.bank.id, 10_000);
    expect((await listMyWithdrawals(database.db, one.seller, { limit: 20 })).items).toEqual([]);
    expect((await listMyWithdrawals(database.db, other.seller, { limit: 20 })).items).toHaveLength(1);
    const statement = await sellerStatement(database.db, one.seller, { limit: 20 });
    expect(statement.items.map((line) => line.kind)).toEqual(["test.opening"]);
  });
});

describe("deciding withdrawals", () => {
  it("pays through a Stripe transfer keyed by the withdrawal id and settles against Stripe's clearing account", async () => {
    const fake = fakeStripeConnect();
    mswServer.use(...fake.handlers);
    const transfers = stripePayoutTransfers({ secretKey: FAKE_STRIPE_SECRET_KEY, maxNetworkRetries: 0 });
    const { seller, store, bank } = await fundedSeller(500_000);
    await setStripeAccount(database.db, { storeId: store.id, stripeAccountId: "acct_1NiagaSeller" });
    const withdrawal = await request(seller, bank.id, 200_000);
    const stripeBefore = await balance(accounts.gatewayClearing("stripe"));

    const paid = await approveWithdrawal(database.db, admin, { id: withdrawal.id }, { transfers });
    expect(paid).toMatchObject({ status: "paid", method: "stripe", transferId: "tr_fake_1", reference: "tr_fake_1" });
    expect(fake.calls).toEqual([
      {
        idempotencyKey: `payout:${withdrawal.id}`,
        amount: 200_000,
        currency: "idr",
        destination: "acct_1NiagaSeller",
        metadata: { withdrawalId: withdrawal.id, storeId: store.id },
        transferId: "tr_fake_1",
      },
    ]);
    expect(await balance(accounts.payoutsInTransit(store.id))).toBe(0);
    expect(await balance(accounts.sellerAvailable(store.id))).toBe(300_000);
    expect(await balance(accounts.gatewayClearing("stripe"))).toBe(stripeBefore - 200_000);
    // Paid is final: approving again changes nothing and sends nothing.
    await expect(approveWithdrawal(database.db, admin, { id: withdrawal.id }, { transfers })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(fake.calls).toHaveLength(1);
    const audit = await database.db
      .selectFrom("audit_log")
      .select("action")
      .where("target_id", "=", withdrawal.id)
      .orderBy("id")
      .execute();
    expect(audit.map((row) => row.action)).toEqual(["withdrawal.approved", "withdrawal.paid"]);
    const events = await database.db
      .selectFrom("domain_events")
      .select(["type", "payload"])
      .where("aggregate_id", "=", withdrawal.id)
      .orderBy("id")
      .execute();
    expect(events.map((event) => [event.type, event.payload.status ?? null])).toEqual([
      ["withdrawal.requested", null],
      ["withdrawal.decided", "approved"],
      ["withdrawal.decided", "paid"],
    ]);
  });

  it("fails the withdrawal and returns the money when Stripe refuses the transfer", async () => {
    const fake = fakeStripeConnect({ mode: "declined" });
    mswServer.use(...fake.handlers);
    const transfers = stripePayoutTransfers({ secretKey: FAKE_STRIPE_SECRET_KEY, maxNetworkRetries: 0 });
    const { seller, store, bank } = await fundedSeller(500_000);
    await setStripeAccount(database.db, { storeId: store.id, stripeAccountId: "acct_2NiagaSeller" });
    const withdrawal = await request(seller, bank.id, 400_000);
    const failed = await approveWithdrawal(database.db, admin, { id: withdrawal.id }, { transfers });
    expect(failed).toMatchObject({
      status: "failed",
      failureReason: "You have insufficient available funds in your Stripe account.",
    });
    expect(fake.transfers).toHaveLength(0);
    expect(await balance(accounts.sellerAvailable(store.id))).toBe(500_000);
    expect(await balance(accounts.payoutsInTransit(store.id))).toBe(0);
  });

  it("keeps the withdrawal approved when Stripe is down, and a retry pays it once", async () => {
    const fake = fakeStripeConnect({ mode: "server-error" });
    mswServer.use(...fake.handlers);
    const transfers = stripePayoutTransfers({ secretKey: FAKE_STRIPE_SECRET_KEY, maxNetworkRetries: 0 });
    const { seller, store, bank } = await fundedSeller(100_000);
    await setStripeAccount(database.db, { storeId: store.id, stripeAccountId: "acct_3NiagaSeller" });
    const withdrawal = await request(seller, bank.id, 100_000);
    await expect(approveWithdrawal(database.db, admin, { id: withdrawal.id }, { transfers })).rejects.toMatchObject({
      code: "UNAVAILABLE",
    });
    const [listed] = (await listWithdrawals(database.db, { limit: 5, storeId: store.id })).items;
    expect(listed).toMatchObject({ status: "approved", method: "stripe", accountNumber: "137001234567" });
    expect(await balance(accounts.payoutsInTransit(store.id))).toBe(100_000);
    // A stripe payout is never marked paid by hand (it could pay twice).
    await expect(
      markWithdrawalPaid(database.db, admin, { id: withdrawal.id, reference: "manual" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });

    fake.setMode("ok");
    const retried = await approveWithdrawal(database.db, admin, { id: withdrawal.id }, { transfers });
    expect(retried.status).toBe("paid");
    expect(fake.transfers).toHaveLength(1);
    expect(fake.calls.every((call) => call.idempotencyKey === `payout:${withdrawal.id}`)).toBe(true);
    expect(await balance(accounts.payoutsInTransit(store.id))).toBe(0);
  });

  it("without Stripe, approves for a manual payout that markPaid settles against the platform's cash", async () => {
    const { seller, store, bank } = await fundedSeller(300_000);
    const withdrawal = await request(seller, bank.id, 120_000);
    await expect(
      markWithdrawalPaid(database.db, admin, { id: withdrawal.id, reference: "BCA-1" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const approved = await approveWithdrawal(database.db, admin, { id: withdrawal.id }, { transfers: null });
    expect(approved).toMatchObject({ status: "approved", method: "manual" });
    const cashBefore = await balance(accounts.platformCash());
    const paid = await markWithdrawalPaid(database.db, admin, { id: withdrawal.id, reference: "BCA-20261124-01" });
    expect(paid).toMatchObject({ status: "paid", reference: "BCA-20261124-01" });
    expect(await balance(accounts.platformCash())).toBe(cashBefore - 120_000);
    expect(await balance(accounts.payoutsInTransit(store.id))).toBe(0);
    await expect(
      markWithdrawalPaid(database.db, admin, { id: withdrawal.id, reference: "BCA-again" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(
      (await sellerStatement(database.db, seller, { limit: 2, account: "in_transit" })).items.map((l) => l.amount),
    ).toEqual([-120_000, 120_000]);
  });

  it("rejects a request and gives the money back; a rejected one cannot be approved", async () => {
    const { seller, store, bank } = await fundedSeller(80_000);
    const withdrawal = await request(seller, bank.id, 80_000);
    expect(await balance(accounts.sellerAvailable(store.id))).toBe(0);
    const rejected = await rejectWithdrawal(database.db, admin, { id: withdrawal.id, reason: "Bank details unclear" });
    expect(rejected).toMatchObject({ status: "rejected", rejectReason: "Bank details unclear" });
    expect(await balance(accounts.sellerAvailable(store.id))).toBe(80_000);
    expect(await balance(accounts.payoutsInTransit(store.id))).toBe(0);
    await expect(
      approveWithdrawal(database.db, admin, { id: withdrawal.id }, { transfers: null }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(rejectWithdrawal(database.db, admin, { id: withdrawal.id, reason: "again" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect((await listWithdrawals(database.db, { limit: 50, status: "rejected" })).items.map((w) => w.id)).toContain(
      withdrawal.id,
    );
  });
});
