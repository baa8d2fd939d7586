import type { ComplaintDetail, DecideComplaintInput, RespondComplaintInput } from "@niaga/contracts";
import type { ComplaintTable, Database } from "@niaga/db";
import type { Selectable, Transaction } from "kysely";
import { recordAudit } from "../audit/audit.ts";
import { emitDomainEvents } from "../events/domain-events.ts";
import { applyStockChanges } from "../inventory/stock-changes.ts";
import type { RefundGateways } from "../refunds/refund-gateway.ts";
import type { RequestedRefund } from "../refunds/refunds.service.ts";
import { executeRefund, requestRefund } from "../refunds/refunds.service.ts";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { DomainError, NotFoundError } from "../shared/errors.ts";
import { requireSellerStore } from "../stores/stores.service.ts";
import type { Actor } from "../users/users.service.ts";
import { addComplaintEvent, lockComplaint } from "./complaints.queries.ts";
import { complaintDetail } from "./complaints.read.ts";
import { assertRefundable, complaintEvent, moveComplaint } from "./complaints.service.ts";

type ComplaintRow = Selectable<ComplaintTable>;

export interface ComplaintDeps {
  /** The payment providers refunds to the original payment method go back through. */
  refunds: RefundGateways;
}

/**
 * Runs a decision in its own transaction and, once it has committed, sends a refund to the
 * original payment method through the provider (never inside the transaction). Inside a
 * caller's transaction the commit is not ours to see, so the refund stays requested for the
 * retry sweep (retryPendingRefunds).
 */
async function decideThenRefund(
  db: Db,
  deps: ComplaintDeps,
  work: (trx: Transaction<Database>) => Promise<{ refund: RequestedRefund | null; id: string }>,
  scope: { customerId?: string; storeId?: string },
): Promise<ComplaintDetail> {
  const outcome = await inTransaction(db, work);
  if (outcome.refund?.pending && !db.isTransaction) await executeRefund(db, deps.refunds, outcome.refund.refundId);
  return complaintDetail(db, outcome.id, scope);
}

function refundFor(complaint: ComplaintRow, amount: number, actorId: string) {
  return {
    complaintId: complaint.id,
    orderId: complaint.order_id,
    orderLineId: complaint.order_line_id,
    amount,
    destination: complaint.refund_destination,
    reason: `complaint ${complaint.id} (${complaint.reason})`,
    actorId,
  };
}

/**
 * The seller approves or rejects an open complaint before its deadline. Approving a refund
 * refunds the amount asked at once; a return waits for the item (markComplaintReturned); a
 * replacement moves no money. Concurrent answers queue on the complaint's row lock: one wins,
 * the other answers CONFLICT, so a complaint is refunded once.
 */
export async function respondToComplaint(
  db: Db,
  deps: ComplaintDeps,
  actor: Actor,
  params: RespondComplaintInput & { now?: Date },
): Promise<ComplaintDetail> {
  const store = await requireSellerStore(db, actor.userId);
  const now = params.now ?? new Date();
  return decideThenRefund(
    db,
    deps,
    async (trx) => {
      const complaint = await lockComplaint(trx, { id: params.id, storeId: store.id });
      if (!complaint) throw new NotFoundError("Complaint");
      if (complaint.status !== "open") throw new DomainError("CONFLICT", "This complaint has already been answered");
      if (complaint.seller_response_due_at <= now) {
        throw new DomainError("CONFLICT", "The deadline to answer this complaint has passed");
      }
      const to = params.decision === "approve" ? "approved" : "rejected";
      const amount = to === "approved" ? complaint.requested_amount : null;
      // Checked again: another complaint on the line may have been refunded since this one opened.
      if (amount) await assertRefundable(trx, complaint, amount, "id");
      await moveComplaint(trx, complaint, to, {
        seller_message: params.message,
        seller_responded_at: now,
        approved_amount: amount,
      });
      await addComplaintEvent(trx, {
        complaintId: complaint.id,
        actorId: actor.userId,
        actorRole: "seller",
        from: "open",
        to,
        note: params.message,
      });
      await emitDomainEvents(trx, [
        complaintEvent("complaint.responded", complaint, to, { decision: params.decision }),
      ]);
      const refund =
        to === "approved" && complaint.resolution === "refund" && amount
          ? await requestRefund(trx, refundFor(complaint, amount, actor.userId))
          : null;
      return { refund, id: complaint.id };
    },
    { storeId: store.id },
  );
}

/** Where a line recorded without a location (old fixtures) goes back to. */
async function defaultLocationId(trx: Transaction<Database>, storeId: string): Promise<string | null> {
  const row = await trx
    .selectFrom("stock_locations")
    .select("id")
    .where("store_id", "=", storeId)
    .where("is_default", "=", true)
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * The seller confirms an approved return came back: the line's units go back on the shelf
 * (inventory reason "return", once: a second call answers CONFLICT) and the refund follows.
 */
export async function markComplaintReturned(
  db: Db,
  deps: ComplaintDeps,
  actor: Actor,
  params: { id: string },
): Promise<ComplaintDetail> {
  const store = await requireSellerStore(db, actor.userId);
  return decideThenRefund(
    db,
    deps,
    async (trx) => {
      const complaint = await lockComplaint(trx, { id: params.id, storeId: store.id });
      if (!complaint) throw new NotFoundError("Complaint");
      const approved = complaint.status === "approved" || complaint.status === "manager_approved";
      if (!approved || complaint.resolution !== "return") {
        throw new DomainError("CONFLICT", "Only an approved return can be marked returned");
      }
      if (complaint.returned_at) throw new DomainError("CONFLICT", "This return has already been received");
      const line = await trx
        .selectFrom("order_lines")
        .select(["variant_id", "location_id", "quantity"])
        .where("id", "=", complaint.order_line_id)
        .executeTakeFirstOrThrow();
      const locationId = line.location_id ?? (await defaultLocationId(trx, store.id));
      if (!locationId) throw new DomainError("CONFLICT", "The store has no stock location to restock into");
      await applyStockChanges(trx, {
        changes: [
          {
            variantId: line.variant_id,
            locationId,
            change: { delta: line.quantity },
            reason: "return",
            note: `Returned for complaint ${complaint.id}`,
            reference: `complaint:${complaint.id}`,
          },
        ],
        actorId: actor.userId,
      });
      await moveComplaint(trx, complaint, complaint.status, { returned_at: new Date() });
      await addComplaintEvent(trx, {
        complaintId: complaint.id,
        actorId: actor.userId,
        actorRole: "seller",
        from: complaint.status,
        to: complaint.status,
        note: "Item received back",
      });
      await emitDomainEvents(trx, [complaintEvent("complaint.returned", complaint, complaint.status)]);
      const amount = complaint.approved_amount ?? 0;
      const refund = amount > 0 ? await requestRefund(trx, refundFor(complaint, amount, actor.userId)) : null;
      return { refund, id: complaint.id };
    },
    { storeId: store.id },
  );
}

/**
 * A manager's final decision on an escalated complaint: approve (refunding `refundAmount`, by
 * default what the customer asked, to the chosen destination; a return still waits for the
 * item) or reject. Audited in the same transaction.
 */
export async function decideComplaint(
  db: Db,
  deps: ComplaintDeps,
  actor: Actor,
  params: DecideComplaintInput,
): Promise<ComplaintDetail> {
  return decideThenRefund(
    db,
    deps,
    async (trx) => {
      const complaint = await lockComplaint(trx, { id: params.id });
      if (!complaint) throw new NotFoundError("Complaint");
      if (complaint.status !== "escalated") {
        throw new DomainError("CONFLICT", "Only an escalated complaint waits for a manager's decision");
      }
      const to = params.decision === "approve" ? "manager_approved" : "manager_rejected";
      const amount = to === "manager_approved" ? (params.refundAmount ?? complaint.requested_amount ?? 0) : null;
      if (amount) await assertRefundable(trx, complaint, amount, "refundAmount");
      const destination = params.refundDestination ?? complaint.refund_destination;
      await moveComplaint(trx, complaint, to, {
        manager_note: params.note,
        decided_by: actor.userId,
        decided_at: new Date(),
        approved_amount: amount,
        refund_destination: destination,
      });
      await addComplaintEvent(trx, {
        complaintId: complaint.id,
        actorId: actor.userId,
        actorRole: actor.role,
        from: "escalated",
        to,
        note: params.note,
      });
      await emitDomainEvents(trx, [
        complaintEvent("refund.decided", complaint, to, { decision: params.decision, amount, destination }),
      ]);
      await recordAudit(trx, {
        actorId: actor.userId,
        action: "complaint.decide",
        targetType: "complaint",
        targetId: complaint.id,
        data: { decision: params.decision, amount, destination, note: params.note },
        requestId: actor.requestId ?? null,
      });
      const refund =
        amount && complaint.resolution !== "return"
          ? await requestRefund(trx, { ...refundFor(complaint, amount, actor.userId), destination })
          : null;
      return { refund, id: complaint.id };
    },
    {},
  );
}
