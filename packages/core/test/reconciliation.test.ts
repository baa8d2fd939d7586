import { loadConfig } from "@niaga/config";
import { checkLedgerInvariants } from "@niaga/core/ledger/ledger.invariants";
import { listReconciliationMismatches, listReconciliationRuns } from "@niaga/core/reconciliation/reconciliation.read";
import { runReconciliationNow, runScheduledReconciliation } from "@niaga/core/reconciliation/reconciliation.run";
import { resolveMismatch, runReconciliation } from "@niaga/core/reconciliation/reconciliation.service";
import type { GatewayRecord, ReconciliationSource } from "@niaga/core/reconciliation/reconciliation.source";
import { previousDayWindow } from "@niaga/core/reconciliation/reconciliation.window";
import { newId } from "@niaga/core/shared/ids";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { mswServer } from "@niaga/testing/msw-setup";
import {
  stripeIntent,
  stripeListHandler,
  stripeListsDown,
  stripeRefund,
  stripeTransfer,
} from "@niaga/testing/stripe-lists";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser } from "./support/catalog-fixtures.ts";
import { insertStripePayment, postCapture, postPayout, postRefundSent } from "./support/reconciliation-fixtures.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const stripeConfig = loadConfig({
  STRIPE_SECRET_KEY: "sk_test_niaga_fake",
  STRIPE_WEBHOOK_SECRET: "whsec_niaga_fake_secret",
  STRIPE_MAX_NETWORK_RETRIES: "0",
});
const around = () => ({ from: new Date(Date.now() - 10 * 60_000), to: new Date(Date.now() + 10 * 60_000) });
const summary = (
  items: {
    kind: string;
    category: string;
    providerRef: string | null;
    expected: number | null;
    actual: number | null;
  }[],
) =>
  items
    .map(
      (item) =>
        `${item.category} ${item.kind} ${item.providerRef ?? "-"} ${item.expected ?? "-"}/${item.actual ?? "-"}`,
    )
    .sort();

/** A hand-written gateway: provider name and the records it lists (for windows and concurrency). */
function fakeSource(
  provider: string,
  records: { payments?: GatewayRecord[]; refunds?: GatewayRecord[]; payouts?: GatewayRecord[] },
) {
  const within = (list: GatewayRecord[] | undefined, window: { from: Date; to: Date }) =>
    (list ?? []).filter((record) => record.createdAt >= window.from && record.createdAt < window.to);
  return {
    provider,
    listPayments: async (window) => within(records.payments, window),
    listRefunds: async (window) => within(records.refunds, window),
    listPayouts: async (window) => within(records.payouts, window),
  } satisfies ReconciliationSource;
}

describe("reconciliation against Stripe's list APIs (msw)", () => {
  const intents = [
    stripeIntent("pi_match", 100_000),
    stripeIntent("pi_amount", 60_000),
    stripeIntent("pi_unledgered", 70_000),
    stripeIntent("pi_cancelled", 25_000, "canceled"),
    stripeIntent("pi_pending", 15_000, "requires_payment_method"),
  ];
  const refunds = [stripeRefund("re_match", "pi_match", 20_000), stripeRefund("re_unledgered", "pi_amount", 5_000)];
  const transfers = [
    stripeTransfer("tr_match", 40_000, { withdrawalId: "wd_match" }),
    stripeTransfer("tr_unledgered", 9_000),
  ];
  const calls: string[] = [];
  const handlers = () => [
    stripeListHandler("payment_intents", () => intents, calls),
    stripeListHandler("refunds", () => refunds, calls),
    stripeListHandler("transfers", () => transfers, calls),
  ];
  let window: { from: Date; to: Date };
  let runId: string;

  beforeAll(async () => {
    window = around();
    const customer = await insertUser(database.db, "customer");
    const db = database.db;
    // Matched capture, a capture whose amount differs, one the gateway never saw, one it cancelled.
    const matchPayment = await insertStripePayment(db, {
      customerId: customer.userId,
      checkoutId: "co_match",
      providerRef: "pi_match",
      amount: 100_000,
    });
    await postCapture(db, { checkoutId: "co_match", amount: 100_000, provider: "stripe" });
    await insertStripePayment(db, {
      customerId: customer.userId,
      checkoutId: "co_amount",
      providerRef: "pi_amount",
      amount: 50_000,
    });
    await postCapture(db, { checkoutId: "co_amount", amount: 50_000, provider: "stripe" });
    await postCapture(db, { checkoutId: "co_ghost", amount: 30_000, provider: "stripe" });
    await insertStripePayment(db, {
      customerId: customer.userId,
      checkoutId: "co_cancelled",
      providerRef: "pi_cancelled",
      amount: 25_000,
    });
    await postCapture(db, { checkoutId: "co_cancelled", amount: 25_000, provider: "stripe" });
    // A refund linked through payment_refunds, and a payout linked through the transfer's metadata.
    await db
      .insertInto("payment_refunds")
      .values({
        id: newId(),
        payment_id: matchPayment,
        amount: 20_000,
        reason: "test",
        status: "succeeded",
        provider_refund_ref: "re_match",
        failure_reason: null,
      })
      .execute();
    await postRefundSent(db, { paymentId: matchPayment, amount: 20_000, provider: "stripe" });
    await postPayout(db, { withdrawalId: "wd_match", amount: 40_000, provider: "stripe" });
    await postPayout(db, { withdrawalId: "wd_ghost", amount: 12_000, provider: "stripe" });
  });

  it("stores one mismatch per problem, of each kind, and matches the rest", async () => {
    mswServer.use(...handlers());
    const admin = await insertUser(database.db, "admin");
    const run = await runReconciliationNow(database.db, admin, { config: stripeConfig, ...window });
    runId = run.id;
    expect(run).toMatchObject({
      provider: "stripe",
      status: "succeeded",
      trigger: "admin",
      matched: 3,
      mismatchesFound: 7,
      mismatchesNew: 7,
    });
    // Every list was paged (two items per page) within the window widened by the grace period.
    expect(calls.some((query) => query.includes("starting_after="))).toBe(true);
    const page = await listReconciliationMismatches(database.db, { limit: 50, runId: run.id });
    expect(summary(page.items)).toEqual([
      "payment amount_differs pi_amount 50000/60000",
      "payment missing_at_gateway - 30000/-",
      "payment missing_in_ledger pi_unledgered -/70000",
      "payment status_differs pi_cancelled 25000/25000",
      "payout missing_at_gateway - 12000/-",
      "payout missing_in_ledger tr_unledgered -/9000",
      "refund missing_in_ledger re_unledgered -/5000",
    ]);
    expect(page.items.every((item) => item.status === "open" && item.currency === "IDR")).toBe(true);
    const ghost = page.items.find((item) => item.kind === "missing_at_gateway" && item.category === "payment");
    expect(ghost?.detail).toContain("co_ghost");
    expect(ghost?.entryId).toEqual(expect.any(String));
    expect(await checkLedgerInvariants(database.db)).toMatchObject({ ok: true });
  });

  it("re-running the window adds no duplicate open mismatch", async () => {
    mswServer.use(...handlers());
    const again = await runReconciliationNow(database.db, await insertUser(database.db, "admin"), {
      config: stripeConfig,
      ...window,
    });
    expect(again).toMatchObject({ matched: 3, mismatchesFound: 7, mismatchesNew: 0 });
    const open = (await listReconciliationMismatches(database.db, { limit: 100, status: "open" })).items.filter(
      (item) => item.provider === "stripe",
    );
    expect(open).toHaveLength(7);
    expect(open.every((item) => item.runId === runId && item.lastSeenRunId === again.id)).toBe(true);
    // Filtering by run finds them by the run that saw them again, too.
    expect((await listReconciliationMismatches(database.db, { limit: 100, runId: again.id })).items).toHaveLength(7);
  });

  it("resolves a mismatch with a note, audited; a resolved one is not reopened by a re-run", async () => {
    mswServer.use(...handlers());
    const admin = await insertUser(database.db, "admin");
    const [target] = (
      await listReconciliationMismatches(database.db, { limit: 1, status: "open", kind: "amount_differs" })
    ).items;
    if (!target) throw new Error("expected an amount mismatch");
    const resolved = await resolveMismatch(
      database.db,
      { ...admin, requestId: "req-recon" },
      { id: target.id, note: "Partial capture agreed with the customer" },
    );
    expect(resolved).toMatchObject({
      status: "resolved",
      resolvedBy: admin.userId,
      note: "Partial capture agreed with the customer",
    });
    const audit = await database.db.selectFrom("audit_log").selectAll().where("target_id", "=", target.id).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_id: admin.userId,
      action: "reconciliation.mismatch.resolve",
      request_id: "req-recon",
    });

    await expect(resolveMismatch(database.db, admin, { id: target.id, note: "again" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(resolveMismatch(database.db, admin, { id: "no-such-mismatch", note: "none" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });

    const rerun = await runReconciliationNow(database.db, admin, { config: stripeConfig, ...window });
    expect(rerun).toMatchObject({ mismatchesFound: 7, mismatchesNew: 0 });
    const amountRows = await database.db
      .selectFrom("reconciliation_mismatches")
      .select("status")
      .where("kind", "=", "amount_differs")
      .execute();
    expect(amountRows).toEqual([{ status: "resolved" }]);
    expect(
      (await listReconciliationMismatches(database.db, { limit: 50, status: "resolved" })).items.map((m) => m.id),
    ).toEqual([target.id]);
  });

  it("records a failed run when Stripe answers 500, and the error reaches the job", async () => {
    mswServer.use(stripeListsDown());
    await expect(runScheduledReconciliation(database.db, { config: stripeConfig })).rejects.toMatchObject({
      code: "UNAVAILABLE",
    });
    const [latest] = (await listReconciliationRuns(database.db, { limit: 1 })).items;
    expect(latest).toMatchObject({ status: "failed", trigger: "schedule", provider: "stripe" });
    expect(latest?.error).toMatch(/unavailable/i);
    expect(latest?.finishedAt).toBeInstanceOf(Date);
  });
});

describe("reconciliation windows", () => {
  it("matches across the window's edge within the grace period, and reports only what lies inside", async () => {
    const provider = `edge${newId(6)}`;
    await postCapture(database.db, { checkoutId: "co_edge", amount: 11_000, provider });
    const entryTime = new Date();
    // The gateway recorded the payment 5 minutes before the window opens (a late webhook).
    const window = { from: new Date(entryTime.getTime() - 60_000), to: new Date(entryTime.getTime() + 60_000) };
    const source = fakeSource(provider, {
      payments: [
        {
          providerRef: "gw_edge",
          amount: 11_000,
          currency: "IDR",
          status: "succeeded",
          createdAt: new Date(window.from.getTime() - 5 * 60_000),
          references: ["co_edge"],
        },
        // Outside the window, nothing in the ledger: the neighbouring day's run reports it, not this one.
        {
          providerRef: "gw_yesterday",
          amount: 4_000,
          currency: "IDR",
          status: "succeeded",
          createdAt: new Date(window.from.getTime() - 30 * 60_000),
        },
      ],
    });
    const run = await runReconciliation(database.db, { source, window, trigger: "admin", graceMinutes: 60 });
    expect(run).toMatchObject({
      status: "succeeded",
      matched: 1,
      mismatchesFound: 0,
      gatewayRecords: 0,
      ledgerRecords: 1,
    });

    const strict = await runReconciliation(database.db, { source, window, trigger: "admin", graceMinutes: 0 });
    expect(strict).toMatchObject({ matched: 0, mismatchesFound: 1 });
    const [missing] = (await listReconciliationMismatches(database.db, { limit: 5, runId: strict.id })).items;
    expect(missing).toMatchObject({
      kind: "missing_at_gateway",
      category: "payment",
      expected: 11_000,
      actual: null,
      provider,
    });
    expect(await checkLedgerInvariants(database.db)).toMatchObject({ ok: true });
  });

  it("stores each problem once when runs of the same window race", async () => {
    const provider = `race${newId(6)}`;
    await postCapture(database.db, { checkoutId: `co_${provider}`, amount: 8_000, provider });
    const source = fakeSource(provider, {
      payments: [
        { providerRef: "gw_race", amount: 3_000, currency: "IDR", status: "succeeded", createdAt: new Date() },
      ],
    });
    const window = around();
    const runs = await Promise.all(
      Array.from({ length: 6 }, () =>
        runReconciliation(database.db, { source, window, trigger: "schedule", graceMinutes: 0 }),
      ),
    );
    expect(runs.map((run) => run.mismatchesFound)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(runs.reduce((sum, run) => sum + run.mismatchesNew, 0)).toBe(2);
    const rows = await database.db
      .selectFrom("reconciliation_mismatches")
      .select("kind")
      .where("provider", "=", provider)
      .execute();
    expect(rows.map((row) => row.kind).sort()).toEqual(["missing_at_gateway", "missing_in_ledger"]);
  });

  it("takes the previous calendar day in the marketplace's time zone by default", () => {
    // 2026-12-01 03:00 in Jakarta (UTC+7) is 2026-11-30T20:00Z; yesterday there is 30 November.
    expect(previousDayWindow(new Date("2026-11-30T20:00:00Z"), "Asia/Jakarta")).toEqual({
      from: new Date("2026-11-29T17:00:00Z"),
      to: new Date("2026-11-30T17:00:00Z"),
    });
    // Across a DST change the day is 23 hours long.
    expect(previousDayWindow(new Date("2026-03-09T12:00:00Z"), "America/New_York")).toEqual({
      from: new Date("2026-03-08T05:00:00Z"),
      to: new Date("2026-03-09T04:00:00Z"),
    });
  });

  it("refuses an empty window", async () => {
    const now = new Date();
    await expect(
      runReconciliation(database.db, {
        source: fakeSource("x", {}),
        window: { from: now, to: now },
        trigger: "admin",
        graceMinutes: 0,
      }),
    ).rejects.toMatchObject({ code: "INVALID" });
  });
});
