import type { ModeratedReview, SellerReview } from "@niaga/contracts";
import { recordAudit } from "../audit/audit.ts";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { DomainError, NotFoundError } from "../shared/errors.ts";
import type { Actor } from "../users/users.service.ts";
import { applyRatingChange } from "./rating-aggregates.ts";
import { toSellerReview } from "./reviews.mappers.ts";
import { findReviewRow, lockReview } from "./reviews.queries.ts";

/**
 * A manager hides an abusive review (it leaves the public list and the rating aggregates) or
 * shows it again (it counts again). The audit entry is written in the same transaction; hiding
 * an already hidden review only updates the reason.
 */
export async function setReviewHidden(
  db: Db,
  actor: Actor,
  params: { id: string; hidden: boolean; reason?: string | undefined },
): Promise<ModeratedReview> {
  return inTransaction(db, async (trx) => {
    const review = await lockReview(trx, { id: params.id });
    if (!review) throw new NotFoundError("Review");
    const wasHidden = review.hidden_at !== null;
    const updated =
      wasHidden === params.hidden && !params.hidden
        ? review
        : await trx
            .updateTable("reviews")
            .set({
              hidden_at: params.hidden ? (review.hidden_at ?? new Date()) : null,
              hidden_reason: params.hidden ? (params.reason ?? null) : null,
            })
            .where("id", "=", review.id)
            .returningAll()
            .executeTakeFirstOrThrow();
    if (wasHidden !== params.hidden) {
      await applyRatingChange(trx, {
        productId: review.product_id,
        storeId: review.store_id,
        from: wasHidden ? null : review.rating,
        to: params.hidden ? null : review.rating,
      });
    }
    await recordAudit(trx, {
      actorId: actor.userId,
      action: params.hidden ? "review.hidden" : "review.unhidden",
      targetType: "review",
      targetId: review.id,
      data: {
        productId: review.product_id,
        storeId: review.store_id,
        changed: wasHidden !== params.hidden,
        ...(params.reason !== undefined && { reason: params.reason }),
      },
      requestId: actor.requestId,
    });
    return {
      id: updated.id,
      hidden: updated.hidden_at !== null,
      hiddenReason: updated.hidden_reason,
      hiddenAt: updated.hidden_at,
    };
  });
}

/**
 * The store's owner answers a review once. A review of another store answers NOT_FOUND; the
 * conditional update makes two racing replies leave exactly one.
 */
export async function replyToReview(db: Db, actor: Actor, params: { id: string; text: string }): Promise<SellerReview> {
  const ownStores = db.selectFrom("stores").select("id").where("owner_id", "=", actor.userId);
  const replied = await db
    .updateTable("reviews")
    .set({ reply: params.text, replied_at: new Date() })
    .where("id", "=", params.id)
    .where("store_id", "in", ownStores)
    .where("reply", "is", null)
    .returning("id")
    .executeTakeFirst();
  if (!replied) {
    const mine = await db
      .selectFrom("reviews")
      .select("id")
      .where("id", "=", params.id)
      .where("store_id", "in", ownStores)
      .executeTakeFirst();
    if (!mine) throw new NotFoundError("Review");
    throw new DomainError("CONFLICT", "This review already has your reply");
  }
  const row = await findReviewRow(db, params.id);
  if (!row) throw new NotFoundError("Review");
  return toSellerReview(row);
}
