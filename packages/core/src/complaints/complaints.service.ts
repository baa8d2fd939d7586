import type { ComplaintDetail, EscalateComplaintInput, OpenComplaintInput } from "@niaga/contracts";
import type { ComplaintStatus, ComplaintTable, Database } from "@niaga/db";
import type { Selectable, Transaction } from "kysely";
import { emitDomainEvents } from "../events/domain-events.ts";
import type { EventType } from "../events/event-catalog.ts";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { DomainError, NotFoundError } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { isUniqueViolation } from "../shared/pg-errors.ts";
import type { Actor } from "../users/users.service.ts";
import { addComplaintEvent, lockComplaint } from "./complaints.queries.ts";
import { complaintDetail } from "./complaints.read.ts";
import { linePaidValue, lineRefundedTotal } from "./line-value.ts";

/** Orders a complaint may be opened on: paid for and not cancelled. */
const COMPLAINABLE_ORDER_STATUSES = new Set(["paid", "processing", "shipped", "delivered", "completed"]);

/** A complaint the customer may take to managers: the seller said no, or did not answer in time. */
const ESCALATABLE = new Set<ComplaintStatus>(["rejected", "expired"]);

export interface ComplaintPolicy {
  /** COMPLAINT_SELLER_RESPONSE_HOURS */
  responseHours: number;
}

type ComplaintRow = Selectable<ComplaintTable>;

/** The durable notification of a step, for the other party (the notifications issue delivers it). */
export function complaintEvent(type: EventType, complaint: ComplaintRow, status: ComplaintStatus, extra = {}) {
  return {
    type,
    aggregate: { type: "complaint", id: complaint.id },
    payload: {
      complaintId: complaint.id,
      orderId: complaint.order_id,
      orderLineId: complaint.order_line_id,
      customerId: complaint.customer_id,
      storeId: complaint.store_id,
      status,
      ...extra,
    },
  };
}

/** Refuses an amount beyond what the line was paid less what is already refunded on it. */
export async function assertRefundable(
  db: Db,
  complaint: { order_line_id: string; line_paid_value: number },
  amount: number,
  field: string,
) {
  const remaining = complaint.line_paid_value - (await lineRefundedTotal(db, complaint.order_line_id));
  if (amount > remaining) {
    const message = `At most ${Math.max(0, remaining)} can be refunded on this item`;
    throw new DomainError("INVALID", message, { [field]: [message] });
  }
}

/**
 * Opens a complaint on one of the caller's order lines (the order paid for and not cancelled),
 * with the seller's answer due in `responseHours`. One complaint in progress per line: a second
 * (or a racing double submit) answers CONFLICT. The amount asked back is at most the line's
 * paid value less earlier refunds. Images are uploaded afterwards (`uploadImage`).
 */
export async function openComplaint(
  db: Db,
  actor: Actor,
  params: OpenComplaintInput & ComplaintPolicy & { now?: Date },
): Promise<ComplaintDetail> {
  const now = params.now ?? new Date();
  return inTransaction(db, async (trx) => {
    const line = await trx
      .selectFrom("order_lines as l")
      .innerJoin("orders as o", "o.id", "l.order_id")
      .select(["l.id", "l.order_id", "l.status", "l.store_id", "o.status as order_status"])
      .where("l.id", "=", params.orderLineId)
      .where("l.customer_id", "=", actor.userId)
      .executeTakeFirst();
    if (!line?.order_id) throw new NotFoundError("Order line");
    if (!COMPLAINABLE_ORDER_STATUSES.has(line.order_status) || line.status === "cancelled") {
      throw new DomainError(
        "CONFLICT",
        "A complaint can be opened once the order is paid, and not on a cancelled order",
      );
    }
    if (line.status === "refunded") throw new DomainError("CONFLICT", "This item has already been refunded in full");
    const paidValue = await linePaidValue(trx, { id: line.id, orderId: line.order_id });
    const amount = params.resolution === "replacement" ? null : (params.refundAmount ?? null);
    if (amount !== null)
      await assertRefundable(trx, { order_line_id: line.id, line_paid_value: paidValue }, amount, "refundAmount");
    const id = newId();
    try {
      await trx
        .insertInto("complaints")
        .values({
          id,
          order_id: line.order_id,
          order_line_id: line.id,
          customer_id: actor.userId,
          store_id: line.store_id,
          reason: params.reason,
          description: params.description,
          images: "[]",
          line_paid_value: paidValue,
          resolution: params.resolution,
          requested_amount: amount,
          refund_destination: params.refundDestination,
          seller_response_due_at: new Date(now.getTime() + params.responseHours * 3_600_000),
        })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error, "complaints_one_open_per_line_idx")) {
        throw new DomainError("CONFLICT", "This item already has a complaint in progress", {
          orderLineId: ["This item already has a complaint in progress"],
        });
      }
      throw error;
    }
    const complaint = await lockComplaint(trx, { id });
    if (!complaint) throw new NotFoundError("Complaint");
    await addComplaintEvent(trx, {
      complaintId: id,
      actorId: actor.userId,
      actorRole: "customer",
      from: null,
      to: "open",
      note: null,
    });
    await emitDomainEvents(trx, [complaintEvent("complaint.opened", complaint, "open", { reason: params.reason })]);
    return complaintDetail(trx, id, { customerId: actor.userId });
  });
}

/**
 * Takes a rejected or expired complaint (or an open one past the seller's deadline that the
 * expiry job has not reached yet) to managers.
 */
export async function escalateComplaint(
  db: Db,
  actor: Actor,
  params: EscalateComplaintInput & { now?: Date },
): Promise<ComplaintDetail> {
  const now = params.now ?? new Date();
  return inTransaction(db, async (trx) => {
    const complaint = await lockComplaint(trx, { id: params.id, customerId: actor.userId });
    if (!complaint) throw new NotFoundError("Complaint");
    const overdue = complaint.status === "open" && complaint.seller_response_due_at <= now;
    if (!ESCALATABLE.has(complaint.status) && !overdue) {
      throw new DomainError(
        "CONFLICT",
        "A complaint can be escalated once the seller rejects it or misses the deadline",
      );
    }
    await moveComplaint(trx, complaint, "escalated", { escalation_note: params.note, escalated_at: now });
    await addComplaintEvent(trx, {
      complaintId: complaint.id,
      actorId: actor.userId,
      actorRole: "customer",
      from: complaint.status,
      to: "escalated",
      note: params.note,
    });
    await emitDomainEvents(trx, [complaintEvent("complaint.escalated", complaint, "escalated")]);
    return complaintDetail(trx, complaint.id, { customerId: actor.userId });
  });
}

/** Writes a complaint's new status with the columns the step fills. */
export async function moveComplaint(
  trx: Transaction<Database>,
  complaint: ComplaintRow,
  to: ComplaintStatus,
  patch: Partial<{
    seller_message: string;
    seller_responded_at: Date;
    escalation_note: string;
    escalated_at: Date;
    manager_note: string;
    decided_by: string;
    decided_at: Date;
    approved_amount: number | null;
    refund_destination: "original" | "wallet";
    returned_at: Date;
  }>,
): Promise<void> {
  await trx
    .updateTable("complaints")
    .set({ ...patch, status: to, updated_at: new Date() })
    .where("id", "=", complaint.id)
    .execute();
}
