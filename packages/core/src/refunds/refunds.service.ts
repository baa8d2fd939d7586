import type { Database, PaymentProviderName, PaymentStatus, RefundDestination, RefundStatus } from "@niaga/db";
import type { Transaction } from "kysely";
import { sql } from "kysely";
import { linePaidValue } from "../complaints/line-value.ts";
import { emitDomainEvents } from "../events/domain-events.ts";
import { accounts } from "../ledger/ledger.accounts.ts";
import { recordRefund } from "../ledger/ledger.flows.ts";
import { postJournalEntry } from "../ledger/ledger.service.ts";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { newId } from "../shared/ids.ts";
import type { RefundGateways } from "./refund-gateway.ts";
import { findCapture, gatewayRefundRoom, selectRefund, succeededOnLine } from "./refunds.queries.ts";

export interface RefundRequest {
  /** A complaint is refunded at most once: a second request for it returns the first refund. */
  complaintId: string | null;
  orderId: string;
  orderLineId: string | null;
  amount: number;
  destination: RefundDestination;
  reason: string;
  actorId: string | null;
}

export interface RequestedRefund {
  refundId: string;
  destination: RefundDestination;
  /** True when the money still has to be sent back through the provider (after commit). */
  pending: boolean;
}

/**
 * Records a refund in the caller's transaction, with the ledger reversal. To the wallet it
 * completes here. To the original payment method it is `requested` and the reversal credits
 * refunds payable; the provider is called after commit by `executeRefund`, never inside a
 * transaction. A checkout no gateway captured (paid from the wallet), or one whose gateway has no
 * room left for the whole amount (paid partly from the wallet), refunds to the wallet.
 */
export async function requestRefund(trx: Transaction<Database>, params: RefundRequest): Promise<RequestedRefund> {
  const order = await trx
    .selectFrom("orders")
    .innerJoin("checkouts", "checkouts.id", "orders.checkout_id")
    .select(["orders.id", "orders.checkout_id", "orders.customer_id", "orders.store_id", "checkouts.currency"])
    .where("orders.id", "=", params.orderId)
    .executeTakeFirstOrThrow();
  // One refund of a checkout at a time, so two can never both count on the gateway's last room.
  await trx.selectFrom("checkouts").select("id").where("id", "=", order.checkout_id).forUpdate().execute();
  const capture = await findCapture(trx, order.checkout_id);
  // A checkout paid partly from the wallet had less collected by the gateway than its orders'
  // total: a refund the gateway can no longer take whole goes to the wallet, never half-sent.
  const gatewayTakesIt =
    capture !== null && params.amount <= (await gatewayRefundRoom(trx, order.checkout_id, capture.amount));
  const destination: RefundDestination = params.destination === "original" && gatewayTakesIt ? "original" : "wallet";
  const inserted = await trx
    .insertInto("refunds")
    .values({
      id: newId(),
      complaint_id: params.complaintId,
      order_id: order.id,
      order_line_id: params.orderLineId,
      customer_id: order.customer_id,
      amount: params.amount,
      currency: order.currency,
      destination,
      provider: destination === "original" && capture ? capture.provider : null,
    })
    .onConflict((oc) => oc.column("complaint_id").where("complaint_id", "is not", null).doNothing())
    .returning(["id"])
    .executeTakeFirst();
  if (!inserted) {
    const existing = await trx
      .selectFrom("refunds")
      .select(["id", "destination", "status"])
      .where("complaint_id", "=", params.complaintId)
      .executeTakeFirstOrThrow();
    return { refundId: existing.id, destination: existing.destination, pending: existing.status !== "succeeded" };
  }
  await recordRefund(trx, {
    orderId: order.id,
    amount: params.amount,
    destination,
    provider: capture?.provider ?? "wallet",
    reason: params.reason,
    refundId: inserted.id,
  });
  if (destination === "wallet") await completeRefund(trx, inserted.id, null);
  return { refundId: inserted.id, destination, pending: destination === "original" };
}

/** Marks a refund succeeded (once), flags its line refunded when fully refunded, and emits the event. */
async function completeRefund(trx: Transaction<Database>, refundId: string, providerRefundRef: string | null) {
  const done = await trx
    .updateTable("refunds")
    .set({
      status: "succeeded",
      provider_refund_ref: providerRefundRef,
      failure_reason: null,
      settled_at: new Date(),
      updated_at: new Date(),
    })
    .where("id", "=", refundId)
    .where("status", "in", ["requested", "failed"])
    .returning(["id", "order_id", "order_line_id", "customer_id", "amount", "destination", "complaint_id"])
    .executeTakeFirst();
  if (!done) return false;
  if (done.order_line_id) {
    const paid = await linePaidValue(trx, { id: done.order_line_id, orderId: done.order_id });
    if ((await succeededOnLine(trx, done.order_line_id)) >= paid) {
      await trx.updateTable("order_lines").set({ status: "refunded" }).where("id", "=", done.order_line_id).execute();
    }
  }
  await emitDomainEvents(trx, [
    {
      type: "refund.succeeded",
      aggregate: { type: "refund", id: done.id },
      payload: {
        complaintId: done.complaint_id,
        orderId: done.order_id,
        customerId: done.customer_id,
        amount: done.amount,
        destination: done.destination,
      },
    },
  ]);
  return true;
}

/**
 * Sends a requested (or failed) refund back through its provider, outside any transaction, with
 * the idempotency key `refund:<refundId>` so a retry never refunds twice. On success it posts
 * Dr refunds payable / Cr gateway clearing (key `refund.settled:<refundId>`) and marks it
 * succeeded; on failure it marks it failed for a later retry. Returns the refund's status.
 */
export async function executeRefund(db: Db, gateways: RefundGateways, refundId: string): Promise<RefundStatus> {
  const refund = await selectRefund(db, refundId);
  if (!refund) throw new Error(`refund ${refundId} not found`);
  if (refund.status === "succeeded" || refund.destination !== "original" || !refund.provider) return refund.status;
  const provider = refund.provider;
  const gateway = gateways(provider);
  const capture = await findCapture(db, refund.checkout_id);
  await db
    .updateTable("refunds")
    .set((eb) => ({ attempts: eb("attempts", "+", 1), updated_at: new Date() }))
    .where("id", "=", refund.id)
    .execute();
  let providerRefundRef: string;
  try {
    if (!gateway) throw new Error(`no payment provider "${provider}" is configured`);
    const result = await gateway.refund({
      providerRef: capture?.providerRef ?? refund.checkout_id,
      amount: refund.amount,
      idempotencyKey: `refund:${refund.id}`,
    });
    // A gateway's "pending" refund is accepted and on its way; only a refusal is a failure.
    if (result.status === "failed") throw new Error(`the provider refused refund ${result.refundRef}`);
    providerRefundRef = result.refundRef;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await db
      .updateTable("refunds")
      .set({ status: "failed", failure_reason: reason.slice(0, 500), updated_at: new Date() })
      .where("id", "=", refund.id)
      .where("status", "in", ["requested", "failed"])
      .execute();
    return "failed";
  }
  return inTransaction(db, async (trx) => {
    await postJournalEntry(trx, {
      kind: "refund.settled",
      reference: { type: "refund", id: refund.id },
      idempotencyKey: `refund.settled:${refund.id}`,
      currency: refund.currency,
      lines: [
        { account: accounts.refundsPayable(), amount: refund.amount },
        { account: accounts.gatewayClearing(provider), amount: -refund.amount },
      ],
      memo: `Refund ${refund.id} sent back via ${provider} (${providerRefundRef})`,
    });
    await noteRefundOnPayment(trx, { checkoutId: refund.checkout_id, provider, amount: refund.amount });
    await completeRefund(trx, refund.id, providerRefundRef);
    return "succeeded" as const;
  });
}

/**
 * The checkout's payment shows what went back through its gateway, as the gateway's own refund
 * webhook would say (that webhook then finds nothing new). Capped at the payment's amount.
 */
async function noteRefundOnPayment(
  trx: Transaction<Database>,
  params: { checkoutId: string; provider: string; amount: number },
) {
  await trx
    .updateTable("payments")
    .set((eb) => ({
      amount_refunded: sql<number>`least(${eb.ref("amount")}, ${eb.ref("amount_refunded")} + ${params.amount})`,
      status: sql<PaymentStatus>`case when ${eb.ref("amount_refunded")} + ${params.amount} >= ${eb.ref("amount")}
        then 'refunded' else 'partially_refunded' end`,
      updated_at: new Date(),
    }))
    .where("purpose", "=", "checkout")
    .where("reference_id", "=", params.checkoutId)
    .where("provider", "=", params.provider as PaymentProviderName)
    .where("status", "in", ["succeeded", "partially_refunded"])
    .execute();
}

/**
 * Retries refunds to the original payment method that failed, or were left requested by a crash
 * between commit and the provider call (older than `olderThan`). Safe to run concurrently with
 * itself: the provider call is idempotent and settling is a conditional update.
 */
export async function retryPendingRefunds(
  db: Db,
  gateways: RefundGateways,
  params: { olderThan: Date; limit?: number },
): Promise<{ succeeded: number; failed: number }> {
  const rows = await db
    .selectFrom("refunds")
    .select("id")
    .where("destination", "=", "original")
    .where("status", "in", ["requested", "failed"])
    .where("updated_at", "<", params.olderThan)
    .orderBy("updated_at")
    .limit(params.limit ?? 50)
    .execute();
  const counts = { succeeded: 0, failed: 0 };
  for (const row of rows) {
    const status = await executeRefund(db, gateways, row.id);
    if (status === "succeeded") counts.succeeded += 1;
    else counts.failed += 1;
  }
  return counts;
}
