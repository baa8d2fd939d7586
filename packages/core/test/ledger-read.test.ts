import { accounts } from "@niaga/core/ledger/ledger.accounts";
import { toCsv } from "@niaga/core/ledger/ledger.csv";
import { checkLedgerInvariants } from "@niaga/core/ledger/ledger.invariants";
import {
  exportLedgerCsv,
  getLedgerEntry,
  listLedgerAccounts,
  listLedgerTransactions,
} from "@niaga/core/ledger/ledger.read";
import { newId } from "@niaga/core/shared/ids";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { post } from "./support/reconciliation-fixtures.ts";

let database: TestDatabase;
const storeA = `store-${newId(8)}`;
const storeB = `store-${newId(8)}`;
const customer = `cust-${newId(8)}`;
const posted: string[] = [];
let start: Date;
let middle: Date;

beforeAll(async () => {
  database = await createTestDatabase();
  start = new Date();
  // Five captures for store A, two for store B, one wallet top-up for the customer, newest last.
  for (let index = 0; index < 5; index++) {
    const entry = await post(database.db, {
      kind: "payment.captured",
      reference: { type: "checkout", id: `co-a-${index}` },
      lines: [
        { account: accounts.gatewayClearing("sandbox"), amount: 10_000 + index },
        { account: accounts.sellerPending(storeA), amount: -(9_500 + index) },
        { account: accounts.platformRevenue(), amount: -500 },
      ],
    });
    posted.push(entry.entryId);
    if (index === 2) {
      await new Promise((resolve) => setTimeout(resolve, 15));
      middle = new Date();
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
  }
  for (const id of ["co-b-0", "co-b-1"]) {
    await post(database.db, {
      kind: "payment.captured",
      reference: { type: "checkout", id },
      lines: [
        { account: accounts.gatewayClearing("sandbox"), amount: 20_000 },
        { account: accounts.sellerPending(storeB), amount: -20_000 },
      ],
    });
  }
  await post(database.db, {
    kind: "wallet.topup",
    reference: { type: "payment", id: "pay-topup" },
    lines: [
      { account: accounts.gatewayClearing("sandbox"), amount: 50_000 },
      { account: accounts.customerWallet(customer), amount: -50_000 },
    ],
    memo: '=HYPERLINK("http://evil"), "quoted"\nsecond line',
  });
});
afterAll(() => database.drop());

describe("admin ledger reads", () => {
  it("lists entries newest first with their gross, and pages without gaps or repeats", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await listLedgerTransactions(database.db, { limit: 3, cursor, storeId: storeA });
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(2);
    expect(seen).toEqual([...posted].reverse());
    const [newest] = (await listLedgerTransactions(database.db, { limit: 1, storeId: storeA })).items;
    expect(newest).toMatchObject({
      kind: "payment.captured",
      referenceId: "co-a-4",
      amount: 10_004,
      lineCount: 3,
      currency: "IDR",
    });
  });

  it("filters by kind, store, customer, reference and time", async () => {
    const ids = async (filters: Parameters<typeof listLedgerTransactions>[1]) =>
      (await listLedgerTransactions(database.db, filters)).items.map((item) => item.referenceId).sort();
    expect(await ids({ limit: 50, storeId: storeB })).toEqual(["co-b-0", "co-b-1"]);
    expect(await ids({ limit: 50, customerId: customer })).toEqual(["pay-topup"]);
    expect(await ids({ limit: 50, kind: "wallet.topup" })).toEqual(["pay-topup"]);
    expect(await ids({ limit: 50, kind: "payment.captured", storeId: storeB, referenceId: "co-b-1" })).toEqual([
      "co-b-1",
    ]);
    expect(await ids({ limit: 50, storeId: storeA, to: middle })).toEqual(["co-a-0", "co-a-1", "co-a-2"]);
    expect(await ids({ limit: 50, storeId: storeA, from: middle })).toEqual(["co-a-3", "co-a-4"]);
    expect(await ids({ limit: 50, from: new Date(Date.now() + 60_000) })).toEqual([]);
    expect(await ids({ limit: 50, storeId: "store-nobody" })).toEqual([]);
    expect(start).toBeInstanceOf(Date);
  });

  it("opens one entry with every line and account code", async () => {
    const entry = await getLedgerEntry(database.db, { id: posted[0] as string });
    expect(entry).toMatchObject({
      kind: "payment.captured",
      referenceType: "checkout",
      referenceId: "co-a-0",
      idempotencyKey: "payment.captured:co-a-0",
    });
    expect(entry.lines.map((line) => [line.accountCode, line.amount]).sort()).toEqual([
      ["gateway_clearing:sandbox", 10_000],
      ["platform_revenue", -500],
      [`seller_pending:${storeA}`, -9_500],
    ]);
    expect(entry.lines.reduce((sum, line) => sum + line.amount, 0)).toBe(0);
    await expect(getLedgerEntry(database.db, { id: "no-such-entry" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lists accounts with readable balances, by owner", async () => {
    const store = await listLedgerAccounts(database.db, { limit: 10, ownerType: "store", ownerId: storeA });
    expect(store.items).toEqual([
      expect.objectContaining({
        code: `seller_pending:${storeA}`,
        normalSide: "credit",
        balance: 9_500 * 5 + 10,
        debitBalance: -(9_500 * 5 + 10),
      }),
    ]);
    const platform = await listLedgerAccounts(database.db, { limit: 10, ownerType: "platform" });
    expect(platform.items.map((item) => [item.code, item.balance])).toEqual([["platform_revenue", 2_500]]);
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await listLedgerAccounts(database.db, { limit: 2, cursor });
      all.push(...page.items.map((item) => item.code));
      cursor = page.nextCursor;
    } while (cursor);
    expect(all).toEqual([...all].sort());
    expect(all).toHaveLength(5);
    expect(await checkLedgerInvariants(database.db)).toMatchObject({ ok: true });
  });

  it("exports the filtered entries as RFC 4180 CSV, one record per line, amounts in minor units", async () => {
    const csvExport = await exportLedgerCsv(
      database.db,
      { customerId: customer },
      { now: new Date("2026-12-01T08:09:10Z") },
    );
    expect(csvExport).toMatchObject({ filename: "ledger-2026-12-01T080910Z.csv", rowCount: 2, truncated: false });
    const records = csvExport.csv.split("\r\n");
    expect(records[0]).toBe(
      "entry_id,created_at,kind,reference_type,reference_id,memo,line_id,account_code,account_kind,owner_type,owner_id,amount,currency",
    );
    expect(records.at(-1)).toBe("");
    // The memo holds a comma, quotes and a newline: quoted, quotes doubled, formula neutralised.
    const memo = `"'=HYPERLINK(""http://evil""), ""quoted""\nsecond line"`;
    expect(csvExport.csv).toContain(`,wallet.topup,payment,pay-topup,${memo},`);
    expect(csvExport.csv).toMatch(/,gateway_clearing:sandbox,gateway_clearing,provider,sandbox,50000,IDR\r\n/);
    expect(csvExport.csv).toMatch(
      new RegExp(`,customer_wallet:${customer},customer_wallet,customer,${customer},-50000,IDR\\r\\n`),
    );

    const limited = await exportLedgerCsv(database.db, { storeId: storeA }, { maxEntries: 2 });
    expect(limited.truncated).toBe(true);
    expect(
      new Set(
        limited.csv
          .split("\r\n")
          .slice(1, -1)
          .map((row) => row.split(",")[0]),
      ),
    ).toEqual(new Set([posted[4], posted[3]]));
    expect(limited.rowCount).toBe(6);
  });

  it("quotes exactly the fields RFC 4180 requires", () => {
    expect(
      toCsv(
        ["a", "b"],
        [
          ["plain", -12],
          ["x,y", 'say "hi"'],
          [null, "-1 negative text"],
        ],
      ),
    ).toBe(`a,b\r\nplain,-12\r\n"x,y","say ""hi"""\r\n,'-1 negative text\r\n`);
  });
});
