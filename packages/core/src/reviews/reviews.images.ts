import { createHash } from "node:crypto";
import type { MyReview } from "@niaga/contracts";
import { REVIEW_MAX_IMAGES } from "@niaga/contracts";
import { sql } from "kysely";
import type { Db } from "../shared/db.ts";
import { DomainError, NotFoundError } from "../shared/errors.ts";
import { assertImage } from "../storage/images.ts";
import type { Storage } from "../storage/storage.ts";
import type { Actor } from "../users/users.service.ts";
import { toMyReview } from "./reviews.mappers.ts";
import { findReviewRow } from "./reviews.queries.ts";
import type { ReviewPolicy } from "./reviews.service.ts";
import { assertEditable } from "./reviews.service.ts";

const tooMany = () =>
  new DomainError("INVALID", `A review has at most ${REVIEW_MAX_IMAGES} images`, {
    file: [`A review has at most ${REVIEW_MAX_IMAGES} images`],
  });

/**
 * Attaches an uploaded image to the caller's own review (within the edit window). Images are
 * uploaded onto an existing review rather than referenced by URL at creation, so a review can
 * only ever show files its author uploaded through this path. The append is one conditional
 * update, so concurrent uploads cannot exceed the limit.
 */
export async function uploadReviewImage(
  db: Db,
  storage: Storage,
  actor: Actor,
  params: { reviewId: string; bytes: Uint8Array; maxBytes: number } & ReviewPolicy,
): Promise<MyReview> {
  const review = await db
    .selectFrom("reviews")
    .select(["id", "created_at", "images"])
    .where("id", "=", params.reviewId)
    .where("customer_id", "=", actor.userId)
    .executeTakeFirst();
  if (!review) throw new NotFoundError("Review");
  assertEditable(review, params);
  if (review.images.length >= REVIEW_MAX_IMAGES) throw tooMany();

  const { type, extension } = assertImage(params.bytes, params.maxBytes);
  const hash = createHash("sha256").update(params.bytes).digest("hex").slice(0, 32);
  // Keyed by review, not by author: the URL is public and must not reveal the account id.
  const stored = await storage.put({
    key: `reviews/${review.id}/${hash}.${extension}`,
    body: params.bytes,
    contentType: type,
  });
  const url = JSON.stringify([stored.url]);
  const appended = await db
    .updateTable("reviews")
    .set({ images: sql<string>`images || ${url}::jsonb` })
    .where("id", "=", review.id)
    .where(sql<boolean>`jsonb_array_length(images) < ${REVIEW_MAX_IMAGES}`)
    // The same picture twice is one image.
    .where(sql<boolean>`not images @> ${url}::jsonb`)
    .returning("id")
    .executeTakeFirst();
  const row = await findReviewRow(db, review.id);
  if (!row) throw new NotFoundError("Review");
  if (!appended && !row.images.includes(stored.url)) throw tooMany();
  return toMyReview(row, params.editWindowDays);
}
