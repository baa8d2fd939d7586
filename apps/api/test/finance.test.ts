import { accounts } from "@niaga/core/ledger/ledger.accounts";
import { checkLedgerInvariants } from "@niaga/core/ledger/ledger.invariants";
import { mswServer } from "@niaga/testing/msw-setup";
import { FAKE_STRIPE_SECRET_KEY, fakeStripeConnect } from "@niaga/testing/stripe-connect";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fund } from "../../../packages/core/test/support/finance-fixtures.ts";
import { insertStore } from "../../../packages/core/test/support/review-fixtures.ts";
import { codeOf } from "./support/errors.ts";
import type { TestApi } from "./support/harness.ts";
import { startTestApi } from "./support/harness.ts";

let api: TestApi;
type Account = { id: string; email: string; token: string };
let sellerA: Account;
let sellerB: Account;
let admin: Account;
let storeA: string;
let storeB: string;

beforeAll(async () => {
  api = await startTestApi({
    STRIPE_SECRET_KEY: FAKE_STRIPE_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: "whsec_niaga_fake",
    STRIPE_MAX_NETWORK_RETRIES: "0",
  });
  sellerA = await api.userWithRole("seller");
  sellerB = await api.userWithRole("seller");
  admin = await api.userWithRole("admin");
  storeA = (await insertStore(api.database.db, { ownerId: sellerA.id })).id;
  storeB = (await insertStore(api.database.db, { ownerId: sellerB.id })).id;
});
afterAll(() => api.stop());
afterEach(async () => {
  expect(await checkLedgerInvariants(api.database.db)).toMatchObject({ ok: true });
});

describe("sellers' finances over HTTP", () => {
  it("keeps bank accounts, requests a withdrawal and shows balances and the statement", async () => {
    const seller = api.client(sellerA.token).seller;
    expect(
      await codeOf(
        seller.bankAccounts.create.mutate({ bankName: "BCA", accountHolder: "Toko A", accountNumber: "12ab" }),
      ),
    ).toBe("BAD_REQUEST");
    const bank = await seller.bankAccounts.create.mutate({
      bankName: "BCA",
      accountHolder: "Toko A",
      accountNumber: "0123 4567 89",
    });
    expect(bank).toMatchObject({ bankName: "BCA", accountNumberMasked: "••••••6789" });
    expect(JSON.stringify(await seller.bankAccounts.list.query())).not.toContain("0123456789");

    await fund(api.database.db, accounts.sellerAvailable(storeA), 250_000);
    expect(await seller.finance.balances.query()).toEqual({
      currency: "IDR",
      pending: 0,
      available: 250_000,
      inTransit: 0,
    });
    expect(await codeOf(seller.withdrawals.request.mutate({ amount: 250_001, bankAccountId: bank.id }))).toBe(
      "BAD_REQUEST",
    );
    const withdrawal = await seller.withdrawals.request.mutate({ amount: 100_000, bankAccountId: bank.id });
    expect(withdrawal).toMatchObject({ status: "requested", amount: 100_000, bankAccount: { id: bank.id } });
    expect(await seller.finance.balances.query()).toMatchObject({ available: 150_000, inTransit: 100_000 });

    const statement = await seller.finance.statement.query({ limit: 10 });
    expect(statement.items.map((line) => [line.kind, line.account, line.amount])).toEqual([
      ["withdrawal.requested", "available", -100_000],
      ["withdrawal.requested", "in_transit", 100_000],
      ["test.opening", "available", 250_000],
    ]);
    const page = await seller.finance.statement.query({ limit: 1, account: "available" });
    const next = await seller.finance.statement.query({ limit: 1, account: "available", cursor: page.nextCursor });
    expect([...page.items, ...next.items].map((line) => line.amount)).toEqual([-100_000, 250_000]);
    expect((await seller.withdrawals.list.query({})).items.map((item) => item.id)).toEqual([withdrawal.id]);

    // Another seller sees only their own store: nothing of A's, and A's bank account is not theirs.
    const other = api.client(sellerB.token).seller;
    expect(await other.finance.balances.query()).toEqual({ currency: "IDR", pending: 0, available: 0, inTransit: 0 });
    expect((await other.finance.statement.query({})).items).toEqual([]);
    expect((await other.withdrawals.list.query({})).items).toEqual([]);
    expect(await codeOf(other.withdrawals.request.mutate({ amount: 1, bankAccountId: bank.id }))).toBe("NOT_FOUND");
    expect(await codeOf(other.bankAccounts.delete.mutate({ id: bank.id }))).toBe("NOT_FOUND");
    // A customer is not a seller; a seller without a store has no finances yet.
    const customer = await api.userWithRole("customer");
    expect(await codeOf(api.client(customer.token).seller.finance.balances.query())).toBe("FORBIDDEN");
    const storeless = await api.userWithRole("seller");
    expect(await codeOf(api.client(storeless.token).seller.finance.balances.query())).toBe("NOT_FOUND");
  });

  it("lets admins pay by Stripe transfer, pay by hand, and reject", async () => {
    const fake = fakeStripeConnect();
    mswServer.use(...fake.handlers);
    // An admin points store B's payouts at its connected account: validated, audited, staff only.
    const payouts = api.client(admin.token).admin.withdrawals;
    expect(await codeOf(payouts.setStoreStripeAccount.mutate({ storeId: storeB, stripeAccountId: "ba_123" }))).toBe(
      "BAD_REQUEST",
    );
    expect(
      await codeOf(payouts.setStoreStripeAccount.mutate({ storeId: "no-such-store", stripeAccountId: "acct_1X" })),
    ).toBe("NOT_FOUND");
    expect(
      await codeOf(
        api
          .client(sellerB.token)
          .admin.withdrawals.setStoreStripeAccount.mutate({ storeId: storeB, stripeAccountId: "acct_1Mine" }),
      ),
    ).toBe("FORBIDDEN");
    await payouts.setStoreStripeAccount.mutate({ storeId: storeB, stripeAccountId: "acct_1Wrong" });
    expect(await payouts.setStoreStripeAccount.mutate({ storeId: storeB, stripeAccountId: "acct_1StoreB" })).toEqual({
      storeId: storeB,
      stripeAccountId: "acct_1StoreB",
    });
    const audit = await api.database.db
      .selectFrom("audit_log")
      .select(["actor_id", "data"])
      .where("action", "=", "store.payout_account_set")
      .where("target_id", "=", storeB)
      .orderBy("id")
      .execute();
    expect(audit).toEqual([
      { actor_id: admin.id, data: { from: null, to: "acct_1Wrong" } },
      { actor_id: admin.id, data: { from: "acct_1Wrong", to: "acct_1StoreB" } },
    ]);
    await fund(api.database.db, accounts.sellerAvailable(storeB), 900_000);
    const seller = api.client(sellerB.token).seller;
    const bank = await seller.bankAccounts.create.mutate({
      bankName: "BRI",
      accountHolder: "Toko B",
      accountNumber: "998877665544",
    });
    const viaStripe = await seller.withdrawals.request.mutate({ amount: 300_000, bankAccountId: bank.id });
    const rejected = await seller.withdrawals.request.mutate({ amount: 200_000, bankAccountId: bank.id });

    const staff = api.client(admin.token).admin.withdrawals;
    expect(await codeOf(api.client(sellerB.token).admin.withdrawals.list.query({}))).toBe("FORBIDDEN");
    const listed = await staff.list.query({ storeId: storeB, status: "requested" });
    expect(listed.items.map((item) => [item.id, item.accountNumber])).toEqual([
      [rejected.id, "998877665544"],
      [viaStripe.id, "998877665544"],
    ]);
    expect(await staff.approve.mutate({ id: viaStripe.id })).toMatchObject({ status: "paid", method: "stripe" });
    expect(fake.transfers.map((call) => [call.idempotencyKey, call.amount, call.destination])).toEqual([
      [`payout:${viaStripe.id}`, 300_000, "acct_1StoreB"],
    ]);
    expect(await staff.reject.mutate({ id: rejected.id, reason: "Duplicate request" })).toMatchObject({
      status: "rejected",
    });
    expect(await codeOf(staff.reject.mutate({ id: rejected.id, reason: "Again please" }))).toBe("CONFLICT");
    expect(await seller.finance.balances.query()).toMatchObject({ available: 600_000, inTransit: 0 });

    // Store A has no Stripe account: approval leaves it for a manual payout.
    const [manual] = (await staff.list.query({ storeId: storeA, status: "requested" })).items;
    if (!manual) throw new Error("store A's withdrawal is missing");
    expect(await staff.approve.mutate({ id: manual.id })).toMatchObject({ status: "approved", method: "manual" });
    expect(await codeOf(staff.markPaid.mutate({ id: manual.id, reference: "" }))).toBe("BAD_REQUEST");
    expect(await staff.markPaid.mutate({ id: manual.id, reference: "BCA-0001" })).toMatchObject({
      status: "paid",
      reference: "BCA-0001",
    });
    expect(await api.client(sellerA.token).seller.finance.balances.query()).toMatchObject({ inTransit: 0 });
    expect(await codeOf(staff.approve.mutate({ id: "no-such-withdrawal" }))).toBe("NOT_FOUND");
  });

  it("reports earnings per period, and validates the range", async () => {
    const seller = api.client(sellerA.token).seller;
    const report = await seller.finance.earnings.query({ from: "2026-11-01", to: "2026-11-30", granularity: "week" });
    expect(report.timeZone).toBe("Asia/Jakarta");
    // ISO weeks start on Monday: Nov 1 is a Sunday, so the first period starts Oct 26; Nov 30 is a Monday.
    expect(report.periods.map((period) => period.period)).toEqual([
      "2026-10-26",
      "2026-11-02",
      "2026-11-09",
      "2026-11-16",
      "2026-11-23",
      "2026-11-30",
    ]);
    expect(report.total).toEqual({ earned: 0, refunded: 0, net: 0 });
    expect(
      await codeOf(seller.finance.earnings.query({ from: "2026-11-30", to: "2026-11-01", granularity: "day" })),
    ).toBe("BAD_REQUEST");
    expect(
      await codeOf(seller.finance.earnings.query({ from: "2024-01-01", to: "2026-01-01", granularity: "day" })),
    ).toBe("BAD_REQUEST");
  });
});

describe("the wallet over HTTP", () => {
  it("shows the customer's own balance and history", async () => {
    const customer = await api.userWithRole("customer");
    const other = await api.userWithRole("customer");
    await fund(api.database.db, accounts.customerWallet(customer.id), 75_000);
    const wallet = api.client(customer.token).customer.wallet;
    expect(await wallet.balance.query()).toEqual({ currency: "IDR", balance: 75_000 });
    expect((await wallet.history.query({})).items.map((line) => line.amount)).toEqual([75_000]);
    expect(await api.client(other.token).customer.wallet.balance.query()).toEqual({ currency: "IDR", balance: 0 });
    expect(await codeOf(api.client().customer.wallet.balance.query())).toBe("UNAUTHORIZED");
  });
});
