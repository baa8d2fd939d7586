import type { FeedProduct, FollowedStore } from "@niaga/contracts";
import type { Db } from "../shared/db.ts";
import { decodeExactCursor, exactTimestamp, olderThan, pageOf } from "../shared/exact-cursor.ts";
import { ratingAggregate } from "../stores/stores.mappers.ts";
import type { Actor } from "../users/users.service.ts";

type Page<T> = { items: T[]; nextCursor: string | null };
type PageInput = { limit: number; cursor?: string | null | undefined };

/** The stores the caller follows, most recently followed first. */
export async function listFollowedStores(db: Db, actor: Actor, input: PageInput): Promise<Page<FollowedStore>> {
  const cursor = input.cursor ? decodeExactCursor(input.cursor) : null;
  let query = db
    .selectFrom("store_follows as f")
    .innerJoin("stores as s", "s.id", "f.store_id")
    .select([
      "s.id",
      "s.name",
      "s.slug",
      "s.logo_url",
      "s.city",
      "s.status",
      "s.follower_count",
      "f.created_at as followed_at",
      exactTimestamp("f.created_at").as("cursor_at"),
    ])
    .where("f.customer_id", "=", actor.userId)
    .orderBy("f.created_at", "desc")
    .orderBy("f.store_id", "desc")
    .limit(input.limit + 1);
  if (cursor) query = query.where(olderThan("f.created_at", "f.store_id", cursor));
  const page = pageOf(await query.execute(), input.limit);
  return {
    items: page.rows.map((row) => ({
      id: row.id,
      name: row.name,
      slug: row.slug,
      logoUrl: row.logo_url,
      city: row.city,
      status: row.status,
      followerCount: row.follower_count,
      followedAt: row.followed_at,
    })),
    nextCursor: page.nextCursor,
  };
}

/**
 * Newly active products from the stores the caller follows, newest published first. Only what
 * the public may see: active, not hidden, from a store that is not closed.
 */
export async function followingFeed(db: Db, actor: Actor, input: PageInput): Promise<Page<FeedProduct>> {
  const cursor = input.cursor ? decodeExactCursor(input.cursor) : null;
  let query = db
    .selectFrom("store_follows as f")
    .innerJoin("products as p", "p.store_id", "f.store_id")
    .innerJoin("stores as s", "s.id", "p.store_id")
    .select((eb) => [
      "p.id",
      "p.slug",
      "p.title",
      "p.min_price",
      "p.max_price",
      "p.in_stock",
      "p.rating_count",
      "p.rating_sum",
      "p.rating_histogram",
      "p.published_at",
      exactTimestamp("p.published_at").as("cursor_at"),
      "s.id as store_id",
      "s.name as store_name",
      "s.slug as store_slug",
      eb
        .selectFrom("product_images as i")
        .select("i.url")
        .whereRef("i.product_id", "=", "p.id")
        .orderBy("i.position")
        .orderBy("i.id")
        .limit(1)
        .as("image_url"),
    ])
    .where("f.customer_id", "=", actor.userId)
    .where("p.status", "=", "active")
    .where("p.hidden_at", "is", null)
    .where("p.published_at", "is not", null)
    .where("s.status", "!=", "closed")
    .orderBy("p.published_at", "desc")
    .orderBy("p.id", "desc")
    .limit(input.limit + 1);
  if (cursor) query = query.where(olderThan("p.published_at", "p.id", cursor));
  const page = pageOf(await query.execute(), input.limit);
  return {
    items: page.rows.map((row) => ({
      id: row.id,
      slug: row.slug,
      title: row.title,
      imageUrl: row.image_url,
      minPrice: row.min_price,
      maxPrice: row.max_price,
      inStock: row.in_stock,
      rating: ratingAggregate(row.rating_sum, row.rating_count, row.rating_histogram),
      publishedAt: row.published_at ?? new Date(0),
      store: { id: row.store_id, name: row.store_name, slug: row.store_slug },
    })),
    nextCursor: page.nextCursor,
  };
}
