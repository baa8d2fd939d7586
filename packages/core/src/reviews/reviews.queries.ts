import type { Db } from "../shared/db.ts";
import type { ExactCursor } from "../shared/exact-cursor.ts";
import { exactTimestamp, olderThan } from "../shared/exact-cursor.ts";

/** Reviews with what every view shows next to them: author, variant, product. Newest first. */
export function selectReviewRows(db: Db) {
  return db
    .selectFrom("reviews as r")
    .innerJoin("user as u", "u.id", "r.customer_id")
    .innerJoin("order_lines as ol", "ol.id", "r.order_line_id")
    .innerJoin("products as p", "p.id", "r.product_id")
    .select([
      "r.id",
      "r.order_line_id",
      "r.product_id",
      "r.store_id",
      "r.customer_id",
      "r.rating",
      "r.comment",
      "r.images",
      "r.reply",
      "r.replied_at",
      "r.hidden_at",
      "r.hidden_reason",
      "r.edited_at",
      "r.created_at",
      exactTimestamp("r.created_at").as("cursor_at"),
      "u.name as author_name",
      "ol.variant_title",
      "p.slug as product_slug",
      "p.title as product_title",
    ])
    .orderBy("r.created_at", "desc")
    .orderBy("r.id", "desc");
}

export type ReviewRow = Awaited<ReturnType<ReturnType<typeof selectReviewRows>["executeTakeFirstOrThrow"]>>;

/** `limit + 1` rows after `cursor`, so the caller knows whether another page follows. */
export function pageAfter(
  query: ReturnType<typeof selectReviewRows>,
  params: { limit: number; cursor: ExactCursor | null },
) {
  const limited = query.limit(params.limit + 1);
  return params.cursor ? limited.where(olderThan("r.created_at", "r.id", params.cursor)) : limited;
}

export function findReviewRow(db: Db, id: string): Promise<ReviewRow | undefined> {
  return selectReviewRows(db).where("r.id", "=", id).executeTakeFirst();
}

/** Locks a review row for a change to it; serialises edits, hides and replies of one review. */
export function lockReview(db: Db, params: { id: string; customerId?: string }) {
  let query = db.selectFrom("reviews").selectAll().where("id", "=", params.id);
  if (params.customerId) query = query.where("customer_id", "=", params.customerId);
  return query.forUpdate().executeTakeFirst();
}

/** The caller's order line with what a review needs, or undefined when it is not theirs. */
export function findOwnOrderLine(db: Db, params: { orderLineId: string; customerId: string }) {
  return db
    .selectFrom("order_lines as ol")
    .innerJoin("stores as s", "s.id", "ol.store_id")
    .select(["ol.id", "ol.status", "ol.product_id", "ol.store_id", "s.owner_id as store_owner_id"])
    .where("ol.id", "=", params.orderLineId)
    .where("ol.customer_id", "=", params.customerId)
    .executeTakeFirst();
}
