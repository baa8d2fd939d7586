import type { CheckoutDeps } from "@niaga/core/checkout/checkout.service";
import { placeCheckout } from "@niaga/core/checkout/checkout.service";
import { markCheckoutPaid } from "@niaga/core/checkout/checkout-payment";
import type { ComplaintDeps } from "@niaga/core/complaints/complaints.decisions";
import {
  decideComplaint,
  markComplaintReturned,
  respondToComplaint,
} from "@niaga/core/complaints/complaints.decisions";
import { expireOverdueComplaints } from "@niaga/core/complaints/complaints.expiry";
import { getMyComplaint, getStoreComplaint, listAllComplaints } from "@niaga/core/complaints/complaints.read";
import { escalateComplaint, openComplaint } from "@niaga/core/complaints/complaints.service";
import { accounts } from "@niaga/core/ledger/ledger.accounts";
import { checkLedgerInvariants } from "@niaga/core/ledger/ledger.invariants";
import { accountBalance } from "@niaga/core/ledger/ledger.service";
import { createSandboxProvider } from "@niaga/core/payments/sandbox.provider";
import { gatewaysOf } from "@niaga/core/refunds/refund-gateway";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { insertUser } from "./support/catalog-fixtures.ts";
import { cartFor, checkoutDeps, customerWithAddress, storeWithVariant } from "./support/checkout-fixtures.ts";

let database: TestDatabase;
let deps: CheckoutDeps;
let complaintDeps: ComplaintDeps;
beforeAll(async () => {
  database = await createTestDatabase();
  deps = await checkoutDeps(database.db);
  complaintDeps = { refunds: gatewaysOf(createSandboxProvider(database.db)) };
});
afterAll(() => database.drop());
// Every scenario leaves a ledger whose entries balance and whose cached balances equal their lines.
afterEach(async () => {
  expect(await checkLedgerInvariants(database.db)).toMatchObject({ ok: true });
});

const POLICY = { responseHours: 48 };
const PRICE = 100_000;

/** A customer's paid order of 2 units at PRICE from a fresh store, paid through the sandbox. */
async function paidLine() {
  const made = await storeWithVariant(database.db, { price: PRICE, stock: 10 });
  const { customer, address } = await customerWithAddress(database.db);
  const input = await cartFor(
    database.db,
    customer.userId,
    [{ variantId: made.variantId, storeId: made.store.id, quantity: 2 }],
    address.id,
  );
  const checkout = await placeCheckout(database.db, deps, { customerId: customer.userId, input });
  await markCheckoutPaid(database.db, { checkoutId: checkout.id, provider: "sandbox" });
  const order = checkout.orders[0];
  if (!order) throw new Error("no order");
  const line = await database.db
    .selectFrom("order_lines")
    .select(["id", "location_id"])
    .where("order_id", "=", order.id)
    .executeTakeFirstOrThrow();
  return { ...made, customer, orderId: order.id, lineId: line.id, locationId: line.location_id as string };
}

const refunds = (complaintId: string) =>
  database.db.selectFrom("refunds").selectAll().where("complaint_id", "=", complaintId).execute();
const events = (complaintId: string) =>
  database.db
    .selectFrom("domain_events")
    .select("type")
    .where("aggregate_id", "=", complaintId)
    .orderBy("id")
    .execute()
    .then((rows) => rows.map((row) => row.type));
const onHand = (variantId: string, locationId: string) =>
  database.db
    .selectFrom("inventory_levels")
    .select("on_hand")
    .where("variant_id", "=", variantId)
    .where("location_id", "=", locationId)
    .executeTakeFirstOrThrow()
    .then((row) => row.on_hand);

describe("refund to the wallet", () => {
  it("opens, the seller approves, the wallet is credited and the capture reversed", async () => {
    const p = await paidLine();
    const pendingBefore = await accountBalance(database.db, accounts.sellerPending(p.store.id));
    const revenueBefore = await accountBalance(database.db, accounts.platformRevenue());
    const opened = await openComplaint(database.db, p.customer, {
      orderLineId: p.lineId,
      reason: "damaged",
      description: "The box arrived crushed and both mugs are broken",
      resolution: "refund",
      refundAmount: 2 * PRICE,
      refundDestination: "wallet",
      ...POLICY,
    });
    expect(opened).toMatchObject({ status: "open", linePaidValue: 2 * PRICE, requestedAmount: 2 * PRICE });
    const answered = await respondToComplaint(database.db, complaintDeps, p.seller, {
      id: opened.id,
      decision: "approve",
      message: "Sorry about that, refunding you now",
    });
    expect(answered.status).toBe("approved");
    expect(answered.refund).toMatchObject({ amount: 2 * PRICE, destination: "wallet", status: "succeeded" });
    expect(answered.events.map((event) => [event.actorRole, event.fromStatus, event.toStatus])).toEqual([
      ["customer", null, "open"],
      ["seller", "open", "approved"],
    ]);
    expect(await accountBalance(database.db, accounts.customerWallet(p.customer.userId))).toBe(2 * PRICE);
    // The refund is taken back from the seller's pending balance and the commission, in the
    // proportions of the capture, to the minor unit.
    const sellerPart = pendingBefore - (await accountBalance(database.db, accounts.sellerPending(p.store.id)));
    const commissionPart = revenueBefore - (await accountBalance(database.db, accounts.platformRevenue()));
    expect(sellerPart + commissionPart).toBe(2 * PRICE);
    expect(commissionPart).toBeGreaterThan(0);
    expect(commissionPart).toBeLessThanOrEqual(10_000);
    const line = await database.db
      .selectFrom("order_lines")
      .select("status")
      .where("id", "=", p.lineId)
      .executeTakeFirstOrThrow();
    expect(line.status).toBe("refunded");
    expect(await events(opened.id)).toEqual(["complaint.opened", "complaint.responded"]);
    const [refund] = await refunds(opened.id);
    expect(await events(refund?.id ?? "")).toEqual(["refund.succeeded"]);
    // A fully refunded item cannot be complained about again.
    await expect(
      openComplaint(database.db, p.customer, {
        orderLineId: p.lineId,
        reason: "other",
        description: "Trying a second refund here",
        resolution: "replacement",
        refundDestination: "original",
        ...POLICY,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("refunds once when the seller approves twice at the same moment", async () => {
    const p = await paidLine();
    const opened = await openComplaint(database.db, p.customer, {
      orderLineId: p.lineId,
      reason: "not_as_described",
      description: "The colour is nothing like the photos",
      resolution: "refund",
      refundAmount: 50_000,
      refundDestination: "wallet",
      ...POLICY,
    });
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () =>
        respondToComplaint(database.db, complaintDeps, p.seller, { id: opened.id, decision: "approve", message: "OK" }),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results.filter((r) => r.status === "rejected")) {
      expect((result as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
    }
    expect(await refunds(opened.id)).toHaveLength(1);
    expect(await accountBalance(database.db, accounts.customerWallet(p.customer.userId))).toBe(50_000);
    const entries = await database.db
      .selectFrom("journal_entries")
      .select("kind")
      .where("reference_id", "=", p.orderId)
      .where("kind", "=", "refund")
      .execute();
    expect(entries).toHaveLength(1);
  });
});

describe("escalation to managers and refund to the original payment", () => {
  it("rejects, escalates, and a manager's approval refunds through the provider", async () => {
    const p = await paidLine();
    const manager = await insertUser(database.db, "manager");
    const opened = await openComplaint(database.db, p.customer, {
      orderLineId: p.lineId,
      reason: "wrong_item",
      description: "I ordered blue and got red instead",
      resolution: "refund",
      refundAmount: PRICE,
      refundDestination: "original",
      ...POLICY,
    });
    // Not escalatable while the seller may still answer.
    await expect(
      escalateComplaint(database.db, p.customer, { id: opened.id, note: "Please help" }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await respondToComplaint(database.db, complaintDeps, p.seller, {
      id: opened.id,
      decision: "reject",
      message: "The photos show the item we sent is correct",
    });
    const escalated = await escalateComplaint(database.db, p.customer, { id: opened.id, note: "It is clearly red" });
    expect(escalated.status).toBe("escalated");
    const queue = await listAllComplaints(database.db, { limit: 100 });
    expect(queue.items[0]?.status).toBe("escalated");

    const clearingBefore = await accountBalance(database.db, accounts.gatewayClearing("sandbox"));
    const payableBefore = await accountBalance(database.db, accounts.refundsPayable());
    // An amount above the line's paid value is refused; nothing is decided.
    await expect(
      decideComplaint(database.db, complaintDeps, manager, {
        id: opened.id,
        decision: "approve",
        refundAmount: 2 * PRICE + 1,
        note: "Too much",
      }),
    ).rejects.toMatchObject({
      code: "INVALID",
      fields: { refundAmount: [`At most ${2 * PRICE} can be refunded on this item`] },
    });
    const decided = await decideComplaint(database.db, complaintDeps, manager, {
      id: opened.id,
      decision: "approve",
      refundAmount: 120_000,
      note: "The photos show a red item",
    });
    expect(decided).toMatchObject({ status: "manager_approved", approvedAmount: 120_000 });
    expect(decided.refund).toMatchObject({ amount: 120_000, destination: "original", status: "succeeded" });
    const [refund] = await refunds(opened.id);
    expect(refund).toMatchObject({ provider: "sandbox", status: "succeeded", attempts: 1 });
    expect(refund?.provider_refund_ref).toMatch(/^sbx_re_/);
    // refunds_payable was credited then settled; the money left the gateway's clearing account.
    expect(Math.abs((await accountBalance(database.db, accounts.refundsPayable())) - payableBefore)).toBe(0);
    expect(clearingBefore - (await accountBalance(database.db, accounts.gatewayClearing("sandbox")))).toBe(120_000);
    expect(await events(opened.id)).toEqual([
      "complaint.opened",
      "complaint.responded",
      "complaint.escalated",
      "refund.decided",
    ]);
    const audit = await database.db
      .selectFrom("audit_log")
      .select(["action", "actor_id"])
      .where("target_id", "=", opened.id)
      .execute();
    expect(audit).toEqual([{ action: "complaint.decide", actor_id: manager.userId }]);
    // Final: no second decision.
    await expect(
      decideComplaint(database.db, complaintDeps, manager, { id: opened.id, decision: "reject", note: "Changed mind" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("marks a refund failed when the provider fails, and the retry sweep settles it once", async () => {
    const { executeRefund, retryPendingRefunds } = await import("@niaga/core/refunds/refunds.service");
    const p = await paidLine();
    const calls: string[] = [];
    const sandbox = createSandboxProvider(database.db);
    const failing = {
      refunds: () => ({
        refund: async (input: { idempotencyKey: string }) => {
          calls.push(input.idempotencyKey);
          throw new Error("gateway timeout");
        },
      }),
    };
    const opened = await openComplaint(database.db, p.customer, {
      orderLineId: p.lineId,
      reason: "not_received",
      description: "Tracking says delivered but nothing came",
      resolution: "refund",
      refundAmount: 2 * PRICE,
      refundDestination: "original",
      ...POLICY,
    });
    const answered = await respondToComplaint(database.db, failing, p.seller, {
      id: opened.id,
      decision: "approve",
      message: "Refunding",
    });
    expect(answered.refund?.status).toBe("failed");
    const [refund] = await refunds(opened.id);
    expect(calls).toEqual([`refund:${refund?.id}`]);
    expect(await accountBalance(database.db, accounts.refundsPayable())).toBeGreaterThanOrEqual(2 * PRICE);

    const working = gatewaysOf({
      ...sandbox,
      refund: async (input) => {
        calls.push(input.idempotencyKey);
        return sandbox.refund(input);
      },
    });
    const swept = await retryPendingRefunds(database.db, working, { olderThan: new Date(Date.now() + 1000) });
    expect(swept.succeeded).toBeGreaterThanOrEqual(1);
    expect(await executeRefund(database.db, working, refund?.id ?? "")).toBe("succeeded");
    const settled = await database.db
      .selectFrom("journal_entries")
      .select("kind")
      .where("idempotency_key", "=", `refund.settled:${refund?.id}`)
      .execute();
    expect(settled).toEqual([{ kind: "refund.settled" }]);
    expect(calls.filter((key) => key === `refund:${refund?.id}`)).toHaveLength(2);
    const line = await database.db
      .selectFrom("order_lines")
      .select("status")
      .where("id", "=", p.lineId)
      .executeTakeFirstOrThrow();
    expect(line.status).toBe("refunded");
  });
});

describe("deadline", () => {
  it("expires an unanswered complaint once, then the customer escalates it", async () => {
    const p = await paidLine();
    const opened = await openComplaint(database.db, p.customer, {
      orderLineId: p.lineId,
      reason: "damaged",
      description: "Cracked screen on arrival",
      resolution: "replacement",
      refundDestination: "original",
      ...POLICY,
      now: new Date(Date.now() - 49 * 3_600_000),
    });
    const counts = await Promise.all([expireOverdueComplaints(database.db), expireOverdueComplaints(database.db)]);
    expect(counts.reduce((sum, n) => sum + n, 0)).toBeGreaterThanOrEqual(1);
    const expired = await getMyComplaint(database.db, p.customer, { id: opened.id });
    expect(expired.status).toBe("expired");
    expect(expired.events.filter((event) => event.toStatus === "expired")).toEqual([
      expect.objectContaining({ actorRole: "system", fromStatus: "open" }),
    ]);
    await expect(
      respondToComplaint(database.db, complaintDeps, p.seller, { id: opened.id, decision: "approve", message: "Late" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const escalated = await escalateComplaint(database.db, p.customer, {
      id: opened.id,
      note: "No answer from seller",
    });
    expect(escalated.status).toBe("escalated");
    expect(await events(opened.id)).toEqual(["complaint.opened", "complaint.expired", "complaint.escalated"]);
  });
});

describe("rules", () => {
  it("allows one complaint in progress per line, even when opened concurrently", async () => {
    const p = await paidLine();
    const open = () =>
      openComplaint(database.db, p.customer, {
        orderLineId: p.lineId,
        reason: "other",
        description: "Something is off with this item",
        resolution: "replacement",
        refundDestination: "original",
        ...POLICY,
      });
    const results = await Promise.allSettled([open(), open(), open()]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results.filter((r) => r.status === "rejected")) {
      expect((result as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
    }
    await expect(open()).rejects.toMatchObject({
      code: "CONFLICT",
      fields: { orderLineId: ["This item already has a complaint in progress"] },
    });
  });

  it("refuses a refund larger than the line's paid value", async () => {
    const p = await paidLine();
    await expect(
      openComplaint(database.db, p.customer, {
        orderLineId: p.lineId,
        reason: "damaged",
        description: "Broken, I want more than I paid",
        resolution: "refund",
        refundAmount: 2 * PRICE + 1,
        refundDestination: "wallet",
        ...POLICY,
      }),
    ).rejects.toMatchObject({
      code: "INVALID",
      fields: { refundAmount: [`At most ${2 * PRICE} can be refunded on this item`] },
    });
    expect(
      await database.db.selectFrom("complaints").select("id").where("order_line_id", "=", p.lineId).execute(),
    ).toEqual([]);
  });

  it("answers NOT_FOUND to another customer and another store", async () => {
    const p = await paidLine();
    const other = await paidLine();
    await expect(
      openComplaint(database.db, other.customer, {
        orderLineId: p.lineId,
        reason: "other",
        description: "Not my order at all",
        resolution: "replacement",
        refundDestination: "original",
        ...POLICY,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const opened = await openComplaint(database.db, p.customer, {
      orderLineId: p.lineId,
      reason: "other",
      description: "Something is off with this item",
      resolution: "replacement",
      refundDestination: "original",
      ...POLICY,
    });
    await expect(getMyComplaint(database.db, other.customer, { id: opened.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(getStoreComplaint(database.db, other.seller, { id: opened.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      respondToComplaint(database.db, complaintDeps, other.seller, {
        id: opened.id,
        decision: "approve",
        message: "Mine?",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      escalateComplaint(database.db, other.customer, { id: opened.id, note: "Not mine" }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await getStoreComplaint(database.db, p.seller, { id: opened.id })).status).toBe("open");
  });
});

describe("return", () => {
  it("restocks the line's units exactly once when the seller marks the item received, then refunds", async () => {
    const p = await paidLine();
    const opened = await openComplaint(database.db, p.customer, {
      orderLineId: p.lineId,
      reason: "not_as_described",
      description: "Too small, sending both back",
      resolution: "return",
      refundAmount: 2 * PRICE,
      refundDestination: "wallet",
      ...POLICY,
    });
    await expect(markComplaintReturned(database.db, complaintDeps, p.seller, { id: opened.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const approved = await respondToComplaint(database.db, complaintDeps, p.seller, {
      id: opened.id,
      decision: "approve",
      message: "Send them back",
    });
    // Approved returns wait for the item: no refund yet.
    expect(approved.refund).toBeNull();
    const before = await onHand(p.variantId, p.locationId);
    const results = await Promise.allSettled(
      Array.from({ length: 3 }, () => markComplaintReturned(database.db, complaintDeps, p.seller, { id: opened.id })),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await onHand(p.variantId, p.locationId)).toBe(before + 2);
    const journal = await database.db
      .selectFrom("inventory_journal")
      .select(["reason", "on_hand_delta"])
      .where("reference", "=", `complaint:${opened.id}`)
      .execute();
    expect(journal).toEqual([{ reason: "return", on_hand_delta: 2 }]);
    const done = await getMyComplaint(database.db, p.customer, { id: opened.id });
    expect(done.returnedAt).not.toBeNull();
    expect(done.refund).toMatchObject({ amount: 2 * PRICE, status: "succeeded", destination: "wallet" });
    expect(await accountBalance(database.db, accounts.customerWallet(p.customer.userId))).toBe(2 * PRICE);
    await expect(markComplaintReturned(database.db, complaintDeps, p.seller, { id: opened.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await onHand(p.variantId, p.locationId)).toBe(before + 2);
  });
});
