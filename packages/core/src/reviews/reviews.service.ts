import type { CreateReviewInput, MyReview, UpdateReviewInput } from "@niaga/contracts";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { DomainError, ForbiddenError, NotFoundError } from "../shared/errors.ts";
import { decodeExactCursor, pageOf } from "../shared/exact-cursor.ts";
import { newId } from "../shared/ids.ts";
import type { Actor } from "../users/users.service.ts";
import { applyRatingChange } from "./rating-aggregates.ts";
import { editableUntil, toMyReview } from "./reviews.mappers.ts";
import { findOwnOrderLine, findReviewRow, lockReview, pageAfter, selectReviewRows } from "./reviews.queries.ts";

/** Lines in these statuses have reached the customer, so the item can be reviewed. */
const REVIEWABLE_STATUSES = new Set(["delivered", "completed"]);

/** The review policy the caller's configuration sets (REVIEW_EDIT_WINDOW_DAYS). */
export interface ReviewPolicy {
  editWindowDays: number;
}

async function myReview(db: Db, id: string, policy: ReviewPolicy): Promise<MyReview> {
  const row = await findReviewRow(db, id);
  if (!row) throw new NotFoundError("Review");
  return toMyReview(row, policy.editWindowDays);
}

/**
 * Reviews one delivered order line of the caller's, once. Another customer's line answers
 * NOT_FOUND (ids don't leak); the review and its share of the product's and store's rating
 * aggregates are written in one transaction.
 */
export async function createReview(db: Db, actor: Actor, params: CreateReviewInput & ReviewPolicy): Promise<MyReview> {
  return inTransaction(db, async (trx) => {
    const line = await findOwnOrderLine(trx, { orderLineId: params.orderLineId, customerId: actor.userId });
    if (!line) throw new NotFoundError("Order line");
    if (!REVIEWABLE_STATUSES.has(line.status)) {
      throw new DomainError("INVALID", "You can review this item once it has been delivered", {
        orderLineId: ["This item has not been delivered yet"],
      });
    }
    if (line.store_owner_id === actor.userId) throw new ForbiddenError("You cannot review your own store's products");
    const inserted = await trx
      .insertInto("reviews")
      .values({
        id: newId(),
        order_line_id: line.id,
        product_id: line.product_id,
        store_id: line.store_id,
        customer_id: actor.userId,
        rating: params.rating,
        comment: params.comment,
        images: "[]",
      })
      // A second attempt (or a double submit racing the first) inserts nothing: one review per line.
      .onConflict((oc) => oc.column("order_line_id").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!inserted) {
      throw new DomainError("CONFLICT", "You have already reviewed this item", {
        orderLineId: ["This item already has your review"],
      });
    }
    await applyRatingChange(trx, { productId: line.product_id, storeId: line.store_id, from: null, to: params.rating });
    return myReview(trx, inserted.id, params);
  });
}

/** Refuses changes once the edit window after posting has passed. */
export function assertEditable(review: { created_at: Date }, policy: ReviewPolicy, now = new Date()): void {
  if (now > editableUntil(review.created_at, policy.editWindowDays)) {
    throw new ForbiddenError(`Reviews can be edited for ${policy.editWindowDays} days after posting`);
  }
}

/**
 * Edits the caller's review within the edit window and stamps edited_at. A rating change moves
 * the aggregates by the difference (one histogram bucket to another) unless a manager hid the
 * review, in which case it does not count either way. `images` keeps a subset of the current ones.
 */
export async function updateReview(db: Db, actor: Actor, params: UpdateReviewInput & ReviewPolicy): Promise<MyReview> {
  return inTransaction(db, async (trx) => {
    const review = await lockReview(trx, { id: params.id, customerId: actor.userId });
    if (!review) throw new NotFoundError("Review");
    assertEditable(review, params);
    const { rating, comment, images } = params.data;
    if (images !== undefined) {
      const current = new Set(review.images);
      if (new Set(images).size !== images.length || images.some((url) => !current.has(url))) {
        throw new DomainError("INVALID", "Images can only be kept, reordered or removed here", {
          "data.images": ["Keep only images already on this review, each once; upload new ones with uploadImage"],
        });
      }
    }
    await trx
      .updateTable("reviews")
      .set({
        ...(rating !== undefined && { rating }),
        ...(comment !== undefined && { comment }),
        ...(images !== undefined && { images: JSON.stringify(images) }),
        edited_at: new Date(),
      })
      .where("id", "=", review.id)
      .execute();
    if (rating !== undefined && review.hidden_at === null) {
      await applyRatingChange(trx, {
        productId: review.product_id,
        storeId: review.store_id,
        from: review.rating,
        to: rating,
      });
    }
    return myReview(trx, review.id, params);
  });
}

/** The caller's reviews, newest first, hidden ones included (flagged). */
export async function listMyReviews(
  db: Db,
  actor: Actor,
  params: { limit: number; cursor?: string | null | undefined } & ReviewPolicy,
): Promise<{ items: MyReview[]; nextCursor: string | null }> {
  const cursor = params.cursor ? decodeExactCursor(params.cursor) : null;
  const rows = await pageAfter(selectReviewRows(db).where("r.customer_id", "=", actor.userId), {
    limit: params.limit,
    cursor,
  }).execute();
  const page = pageOf(rows, params.limit);
  return { items: page.rows.map((row) => toMyReview(row, params.editWindowDays)), nextCursor: page.nextCursor };
}
