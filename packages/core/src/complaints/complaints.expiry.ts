import { emitDomainEvents } from "../events/domain-events.ts";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { complaintEvent } from "./complaints.service.ts";

/**
 * Marks open complaints whose seller deadline has passed as `expired` (the customer may then
 * escalate). One conditional update, so racing sweeps expire each complaint once, and a seller
 * answering at the same moment either wins (the complaint is no longer open) or loses.
 * Returns how many expired.
 */
export async function expireOverdueComplaints(db: Db, params: { now?: Date; limit?: number } = {}): Promise<number> {
  const now = params.now ?? new Date();
  return inTransaction(db, async (trx) => {
    const due = trx
      .selectFrom("complaints")
      .select("id")
      .where("status", "=", "open")
      .where("seller_response_due_at", "<=", now)
      .orderBy("seller_response_due_at")
      .limit(params.limit ?? 500)
      .forUpdate()
      .skipLocked();
    const expired = await trx
      .updateTable("complaints")
      .set({ status: "expired", updated_at: now })
      .where("id", "in", due)
      .where("status", "=", "open")
      .returningAll()
      .execute();
    if (expired.length === 0) return 0;
    await trx
      .insertInto("complaint_events")
      .values(
        expired.map((complaint) => ({
          complaint_id: complaint.id,
          actor_id: null,
          actor_role: "system",
          from_status: "open" as const,
          to_status: "expired" as const,
          note: "The seller did not answer in time",
        })),
      )
      .execute();
    await emitDomainEvents(
      trx,
      expired.map((complaint) => complaintEvent("complaint.expired", complaint, "expired")),
    );
    return expired.length;
  });
}
