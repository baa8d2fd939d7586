import type { ListPublicReviewsInput, ListSellerReviewsInput, PublicReview, SellerReview } from "@niaga/contracts";
import type { Db } from "../shared/db.ts";
import { NotFoundError } from "../shared/errors.ts";
import { decodeExactCursor, pageOf } from "../shared/exact-cursor.ts";
import type { Actor } from "../users/users.service.ts";
import { toPublicReview, toSellerReview } from "./reviews.mappers.ts";
import { pageAfter, selectReviewRows } from "./reviews.queries.ts";

/**
 * A product's visible reviews, newest first, with the seller's replies. Only for products the
 * public can see (active, not hidden, store not closed); hidden reviews never appear.
 */
export async function listPublicReviews(
  db: Db,
  input: ListPublicReviewsInput,
): Promise<{ items: PublicReview[]; nextCursor: string | null }> {
  const cursor = input.cursor ? decodeExactCursor(input.cursor) : null;
  let productQuery = db
    .selectFrom("products as p")
    .innerJoin("stores as s", "s.id", "p.store_id")
    .select("p.id")
    .where("p.status", "=", "active")
    .where("p.hidden_at", "is", null)
    .where("s.status", "!=", "closed");
  if (input.productId !== undefined) productQuery = productQuery.where("p.id", "=", input.productId);
  if (input.productSlug !== undefined) productQuery = productQuery.where("p.slug", "=", input.productSlug);
  const product = await productQuery.executeTakeFirst();
  if (!product) throw new NotFoundError("Product");

  let query = selectReviewRows(db).where("r.product_id", "=", product.id).where("r.hidden_at", "is", null);
  if (input.rating !== undefined) query = query.where("r.rating", "=", input.rating);
  const page = pageOf(await pageAfter(query, { limit: input.limit, cursor }).execute(), input.limit);
  return { items: page.rows.map(toPublicReview), nextCursor: page.nextCursor };
}

/** Reviews of the stores the seller owns, newest first; hidden ones included and flagged. */
export async function listStoreReviews(
  db: Db,
  actor: Actor,
  input: ListSellerReviewsInput,
): Promise<{ items: SellerReview[]; nextCursor: string | null }> {
  const cursor = input.cursor ? decodeExactCursor(input.cursor) : null;
  let query = selectReviewRows(db).where("r.store_id", "in", (eb) =>
    eb.selectFrom("stores").select("id").where("owner_id", "=", actor.userId),
  );
  if (input.productId !== undefined) query = query.where("r.product_id", "=", input.productId);
  if (input.rating !== undefined) query = query.where("r.rating", "=", input.rating);
  if (input.replied !== undefined) query = query.where("r.reply", input.replied ? "is not" : "is", null);
  const page = pageOf(await pageAfter(query, { limit: input.limit, cursor }).execute(), input.limit);
  return { items: page.rows.map(toSellerReview), nextCursor: page.nextCursor };
}
