import type { Role } from "@niaga/contracts";
import { accounts } from "@niaga/core/ledger/ledger.accounts";
import { checkLedgerInvariants } from "@niaga/core/ledger/ledger.invariants";
import { newId } from "@niaga/core/shared/ids";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { post, postCapture } from "../../../packages/core/test/support/reconciliation-fixtures.ts";
import { codeOf } from "./support/errors.ts";
import type { TestApi } from "./support/harness.ts";
import { startTestApi } from "./support/harness.ts";

let api: TestApi;
let admin: ReturnType<TestApi["client"]>;
const store = `store-${newId(8)}`;
const customer = `cust-${newId(8)}`;

beforeAll(async () => {
  api = await startTestApi();
  admin = api.client((await api.userWithRole("admin")).token);
  for (let index = 0; index < 4; index++) {
    await postCapture(api.database.db, {
      checkoutId: `co-http-${index}`,
      amount: 1_000 * (index + 1),
      provider: "sandbox",
      storeId: store,
    });
  }
  await post(api.database.db, {
    kind: "wallet.topup",
    reference: { type: "payment", id: "pay-http" },
    lines: [
      { account: accounts.gatewayClearing("sandbox"), amount: 7_500 },
      { account: accounts.customerWallet(customer), amount: -7_500 },
    ],
    memo: 'Top-up, "express"',
  });
});
afterAll(() => api.stop());

describe("admin ledger over HTTP", () => {
  it("pages a store's transactions, opens an entry, lists accounts and checks the invariants", async () => {
    const first = await admin.admin.ledger.transactions.query({ limit: 3, storeId: store });
    expect(first.items.map((item) => item.referenceId)).toEqual(["co-http-3", "co-http-2", "co-http-1"]);
    expect(first.items[0]?.createdAt).toBeInstanceOf(Date);
    const second = await admin.admin.ledger.transactions.query({ limit: 3, storeId: store, cursor: first.nextCursor });
    expect(second.items.map((item) => item.referenceId)).toEqual(["co-http-0"]);
    expect(second.nextCursor).toBeNull();
    const wallet = await admin.admin.ledger.transactions.query({
      limit: 10,
      customerId: customer,
      kind: "wallet.topup",
    });
    expect(wallet.items.map((item) => [item.referenceId, item.amount])).toEqual([["pay-http", 7_500]]);
    const future = await admin.admin.ledger.transactions.query({ limit: 10, from: new Date(Date.now() + 3_600_000) });
    expect(future.items).toEqual([]);

    const entry = await admin.admin.ledger.entry.query({ id: first.items[0]?.id as string });
    expect(entry.lines.map((line) => line.accountCode).sort()).toEqual([
      "gateway_clearing:sandbox",
      `seller_pending:${store}`,
    ]);
    expect(await codeOf(admin.admin.ledger.entry.query({ id: "missing-entry" }))).toBe("NOT_FOUND");

    const owned = await admin.admin.ledger.accounts.query({ limit: 10, ownerType: "store", ownerId: store });
    expect(owned.items.map((item) => [item.code, item.balance])).toEqual([[`seller_pending:${store}`, 10_000]]);
    expect(await admin.admin.ledger.check.query()).toEqual({
      ok: true,
      unbalancedEntries: [],
      balanceMismatches: [],
      emptyEntries: [],
    });
  });

  it("exports the filtered transactions as CSV text", async () => {
    const file = await admin.admin.ledger.exportCsv.query({ customerId: customer });
    expect(file.contentType).toBe("text/csv; charset=utf-8");
    expect(file.filename).toMatch(/^ledger-\d{4}-\d{2}-\d{2}T\d{6}Z\.csv$/);
    const [header, ...rows] = file.csv.trimEnd().split("\r\n");
    expect(header?.split(",")).toContain("currency");
    expect(rows).toHaveLength(2);
    expect(rows.every((row) => row.includes(',"Top-up, ""express""",') && row.endsWith(",IDR"))).toBe(true);
    expect(rows.map((row) => row.split(",").at(-2)).sort()).toEqual(["-7500", "7500"]);
  });

  it("answers BAD_REQUEST for a reversed date range", async () => {
    const now = new Date();
    expect(
      await codeOf(admin.admin.ledger.transactions.query({ limit: 5, from: now, to: new Date(now.getTime() - 1) })),
    ).toBe("BAD_REQUEST");
    expect(await codeOf(admin.admin.ledger.exportCsv.query({ kind: "Not A Kind!" }))).toBe("BAD_REQUEST");
  });
});

describe("admin reconciliation over HTTP (sandbox provider)", () => {
  it("runs now, lists the mismatch, resolves it with an audited note", async () => {
    // A capture on the sandbox's clearing account with no sandbox payment behind it.
    await postCapture(api.database.db, { checkoutId: "co-orphan", amount: 4_200, provider: "sandbox", storeId: store });
    const from = new Date(Date.now() - 3_600_000);
    const to = new Date(Date.now() + 60_000);
    const run = await admin.admin.reconciliation.runNow.mutate({ from, to });
    expect(run).toMatchObject({
      provider: "sandbox",
      status: "succeeded",
      trigger: "admin",
      gatewayRecords: 0,
      ledgerRecords: 6,
    });
    expect(run.mismatchesNew).toBe(6);
    const again = await admin.admin.reconciliation.runNow.mutate({ from, to });
    expect(again.mismatchesNew).toBe(0);

    const runs = await admin.admin.reconciliation.runs.query({ limit: 5 });
    expect(runs.items.map((item) => item.id)).toEqual([again.id, run.id]);
    const open = await admin.admin.reconciliation.mismatches.query({
      limit: 50,
      status: "open",
      kind: "missing_at_gateway",
      runId: run.id,
    });
    expect(open.items).toHaveLength(6);
    const orphan = open.items.find((item) => item.detail.includes("co-orphan"));
    expect(orphan).toMatchObject({ category: "payment", expected: 4_200, actual: null, lastSeenRunId: again.id });

    const resolved = await admin.admin.reconciliation.resolve.mutate({
      id: orphan?.id as string,
      note: "Test capture, no money moved",
    });
    expect(resolved.status).toBe("resolved");
    expect(
      await codeOf(admin.admin.reconciliation.resolve.mutate({ id: orphan?.id as string, note: "twice over" })),
    ).toBe("CONFLICT");
    expect(await codeOf(admin.admin.reconciliation.resolve.mutate({ id: orphan?.id as string, note: "" }))).toBe(
      "BAD_REQUEST",
    );
    const audit = await admin.admin.audit.list.query({
      targetType: "reconciliation_mismatch",
      targetId: orphan?.id as string,
    });
    expect(audit.map((item) => item.action)).toEqual(["reconciliation.mismatch.resolve"]);
    expect((await admin.admin.reconciliation.mismatches.query({ limit: 50, status: "open" })).items).toHaveLength(5);
    expect(await codeOf(admin.admin.reconciliation.runNow.mutate({ from }))).toBe("BAD_REQUEST");
    expect(await checkLedgerInvariants(api.database.db)).toMatchObject({ ok: true });
  });
});

describe("ledger and reconciliation access", () => {
  const cases: [Role | "anonymous", string][] = [
    ["anonymous", "UNAUTHORIZED"],
    ["customer", "FORBIDDEN"],
    ["seller", "FORBIDDEN"],
    ["manager", "FORBIDDEN"],
    ["admin", "OK"],
    ["superadmin", "OK"],
  ];
  it.each(cases)("%s → %s", async (role, expected) => {
    const client = role === "anonymous" ? api.client() : api.client((await api.userWithRole(role)).token);
    const results = await Promise.all([
      codeOf(client.admin.ledger.transactions.query({ limit: 1 })),
      codeOf(client.admin.ledger.exportCsv.query({})),
      codeOf(client.admin.ledger.check.query()),
      codeOf(client.admin.reconciliation.mismatches.query({ limit: 1 })),
    ]);
    expect(results).toEqual([expected, expected, expected, expected]);
  });
});
