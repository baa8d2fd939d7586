import type { ComplaintDetail, ComplaintSummary, ListComplaintsInput } from "@niaga/contracts";
import type { ComplaintTable } from "@niaga/db";
import type { Selectable } from "kysely";
import { sql } from "kysely";
import type { Db } from "../shared/db.ts";
import { DomainError, NotFoundError } from "../shared/errors.ts";
import { decodeExactCursor, exactTimestamp, olderThan, pageOf } from "../shared/exact-cursor.ts";
import { requireSellerStore } from "../stores/stores.service.ts";
import type { Actor } from "../users/users.service.ts";
import type { ComplaintScope } from "./complaints.queries.ts";
import { complaintEvents, complaintRefund, complaintRows } from "./complaints.queries.ts";

type Row = Selectable<ComplaintTable> & {
  order_number: string;
  product_title: string;
  variant_title: string;
  quantity: number;
};
type Page = { items: ComplaintSummary[]; nextCursor: string | null };

function toSummary(row: Row): ComplaintSummary {
  return {
    id: row.id,
    orderId: row.order_id,
    orderNumber: row.order_number,
    orderLineId: row.order_line_id,
    storeId: row.store_id,
    productTitle: row.product_title,
    variantTitle: row.variant_title,
    quantity: row.quantity,
    linePaidValue: row.line_paid_value,
    reason: row.reason,
    resolution: row.resolution,
    status: row.status,
    requestedAmount: row.requested_amount,
    approvedAmount: row.approved_amount,
    refundDestination: row.refund_destination,
    sellerResponseDueAt: row.seller_response_due_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** One complaint in scope with its history and refund; NOT_FOUND outside the scope. */
export async function complaintDetail(db: Db, id: string, scope: ComplaintScope): Promise<ComplaintDetail> {
  const row = await complaintRows(db, scope).where("c.id", "=", id).executeTakeFirst();
  if (!row) throw new NotFoundError("Complaint");
  const [events, refund] = await Promise.all([complaintEvents(db, id), complaintRefund(db, id)]);
  return {
    ...toSummary(row),
    description: row.description,
    images: row.images,
    sellerMessage: row.seller_message,
    sellerRespondedAt: row.seller_responded_at,
    escalationNote: row.escalation_note,
    escalatedAt: row.escalated_at,
    managerNote: row.manager_note,
    decidedAt: row.decided_at,
    returnedAt: row.returned_at,
    refund: refund
      ? {
          id: refund.id,
          amount: refund.amount,
          destination: refund.destination,
          status: refund.status,
          createdAt: refund.created_at,
          settledAt: refund.settled_at,
        }
      : null,
    events: events.map((event) => ({
      id: event.id,
      actorRole: event.actor_role,
      fromStatus: event.from_status,
      toStatus: event.to_status,
      note: event.note,
      createdAt: event.created_at,
    })),
  };
}

async function newestFirst(db: Db, scope: ComplaintScope, input: ListComplaintsInput): Promise<Page> {
  const cursor = input.cursor ? decodeExactCursor(input.cursor) : null;
  let query = complaintRows(db, scope)
    .select(exactTimestamp("c.created_at").as("cursor_at"))
    .orderBy("c.created_at", "desc")
    .orderBy("c.id", "desc")
    .limit(input.limit + 1);
  if (input.status) query = query.where("c.status", "=", input.status);
  if (cursor) query = query.where(olderThan("c.created_at", "c.id", cursor));
  const page = pageOf(await query.execute(), input.limit);
  return { items: page.rows.map(toSummary), nextCursor: page.nextCursor };
}

/** The caller's complaints, newest first. */
export function listMyComplaints(db: Db, actor: Actor, input: ListComplaintsInput): Promise<Page> {
  return newestFirst(db, { customerId: actor.userId }, input);
}

export function getMyComplaint(db: Db, actor: Actor, input: { id: string }): Promise<ComplaintDetail> {
  return complaintDetail(db, input.id, { customerId: actor.userId });
}

/** Complaints about the seller's store, newest first. */
export async function listStoreComplaints(db: Db, actor: Actor, input: ListComplaintsInput): Promise<Page> {
  const store = await requireSellerStore(db, actor.userId);
  return newestFirst(db, { storeId: store.id }, input);
}

export async function getStoreComplaint(db: Db, actor: Actor, input: { id: string }): Promise<ComplaintDetail> {
  const store = await requireSellerStore(db, actor.userId);
  return complaintDetail(db, input.id, { storeId: store.id });
}

export function getAnyComplaint(db: Db, input: { id: string }): Promise<ComplaintDetail> {
  return complaintDetail(db, input.id, {});
}

// The managers' queue: escalated complaints first (they wait on a manager), then the rest,
// newest first within each group. The cursor carries the group as well as (created_at, id).
const escalatedRank = sql<number>`(case when c.status = 'escalated' then 1 else 0 end)`;

function decodeQueueCursor(raw: string) {
  const [rank, ...rest] = Buffer.from(raw, "base64url").toString("utf8").split("~");
  if (rank !== "0" && rank !== "1")
    throw new DomainError("INVALID", "The cursor is not valid", { cursor: ["Invalid cursor"] });
  return { rank: Number(rank), exact: decodeExactCursor(rest.join("~")) };
}

/** Every complaint for managers, escalated ones first. */
export async function listAllComplaints(db: Db, input: ListComplaintsInput): Promise<Page> {
  const cursor = input.cursor ? decodeQueueCursor(input.cursor) : null;
  let query = complaintRows(db, {})
    .select([exactTimestamp("c.created_at").as("cursor_at"), escalatedRank.as("rank")])
    .orderBy(escalatedRank, "desc")
    .orderBy("c.created_at", "desc")
    .orderBy("c.id", "desc")
    .limit(input.limit + 1);
  if (input.status) query = query.where("c.status", "=", input.status);
  if (cursor) {
    query = query.where(
      sql<boolean>`(${escalatedRank}, c.created_at, c.id) < (${cursor.rank}, ${cursor.exact.at}::timestamptz, ${cursor.exact.id})`,
    );
  }
  const rows = await query.execute();
  const page = pageOf(rows, input.limit);
  const last = page.rows.at(-1);
  const nextCursor =
    page.nextCursor && last ? Buffer.from(`${last.rank}~${page.nextCursor}`).toString("base64url") : null;
  return { items: page.rows.map(toSummary), nextCursor };
}
