import type { ComplaintStatus, Database } from "@niaga/db";
import type { Transaction } from "kysely";
import type { Db } from "../shared/db.ts";

/** Who a query may see: a customer their complaints, a seller their store's, staff all of them. */
export interface ComplaintScope {
  customerId?: string;
  storeId?: string;
}

/** Complaints joined with what a listing shows of their order and line. */
export function complaintRows(db: Db, scope: ComplaintScope) {
  let query = db
    .selectFrom("complaints as c")
    .innerJoin("orders as o", "o.id", "c.order_id")
    .innerJoin("order_lines as l", "l.id", "c.order_line_id")
    .selectAll("c")
    .select(["o.number as order_number", "l.product_title", "l.variant_title", "l.quantity"]);
  if (scope.customerId) query = query.where("c.customer_id", "=", scope.customerId);
  if (scope.storeId) query = query.where("c.store_id", "=", scope.storeId);
  return query;
}

/** Locks one complaint in scope for a decision; undefined when it is not there or not theirs. */
export function lockComplaint(trx: Transaction<Database>, params: { id: string } & ComplaintScope) {
  let query = trx.selectFrom("complaints").selectAll().where("id", "=", params.id);
  if (params.customerId) query = query.where("customer_id", "=", params.customerId);
  if (params.storeId) query = query.where("store_id", "=", params.storeId);
  return query.forUpdate().executeTakeFirst();
}

/** Appends one step to a complaint's history. */
export async function addComplaintEvent(
  db: Db,
  event: {
    complaintId: string;
    actorId: string | null;
    actorRole: string;
    from: ComplaintStatus | null;
    to: ComplaintStatus;
    note: string | null;
  },
): Promise<void> {
  await db
    .insertInto("complaint_events")
    .values({
      complaint_id: event.complaintId,
      actor_id: event.actorId,
      actor_role: event.actorRole,
      from_status: event.from,
      to_status: event.to,
      note: event.note,
    })
    .execute();
}

export function complaintEvents(db: Db, complaintId: string) {
  return db
    .selectFrom("complaint_events")
    .select(["id", "actor_role", "from_status", "to_status", "note", "created_at"])
    .where("complaint_id", "=", complaintId)
    .orderBy("id")
    .execute();
}

export function complaintRefund(db: Db, complaintId: string) {
  return db
    .selectFrom("refunds")
    .select(["id", "amount", "destination", "status", "created_at", "settled_at"])
    .where("complaint_id", "=", complaintId)
    .executeTakeFirst();
}
