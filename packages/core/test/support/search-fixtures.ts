import type { Db } from "@niaga/core/shared/db";
import { newId } from "@niaga/core/shared/ids";

/**
 * Catalog rows inserted directly (no catalog services), with the denormalised columns a
 * listing reads set the way the services keep them: min/max price from the variants, in_stock,
 * rating sum/count/histogram, sold count, published_at.
 */

export async function insertStore(
  db: Db,
  overrides: { slug?: string; name?: string; status?: "open" | "holiday" | "closed" } = {},
) {
  const ownerId = newId();
  const now = new Date();
  await db
    .insertInto("user")
    .values({
      id: ownerId,
      name: "Seller",
      email: `seller-${ownerId}@example.com`,
      emailVerified: true,
      image: null,
      createdAt: now,
      updatedAt: now,
      role: "seller",
      banned: false,
      banReason: null,
      banExpires: null,
      phone: null,
      accountType: null,
    })
    .execute();
  const id = newId();
  const slug = overrides.slug ?? `toko-${newId(8)}`;
  const name = overrides.name ?? `Toko ${slug}`;
  await db
    .insertInto("stores")
    .values({ id, owner_id: ownerId, name, slug, status: overrides.status ?? "open" })
    .execute();
  return { id, slug, name };
}

/** A category under `parent` (or a root), with its ltree path of id labels. */
export async function insertCategory(db: Db, parent: { id: string; path: string } | null = null, name = "Kategori") {
  const id = newId();
  const path = parent ? `${parent.path}.${id}` : id;
  const slug = `kat-${newId(8)}`;
  await db
    .insertInto("categories")
    .values({ id, parent_id: parent?.id ?? null, name, slug, path })
    .execute();
  return { id, path, name, slug };
}

export interface ProductSpec {
  storeId: string;
  categoryId: string;
  title: string;
  description?: string;
  tags?: string[];
  /** Variant prices in minor units (one variant each); the product's min/max come from them. */
  prices?: number[];
  /** The compare-at price of the cheapest variant. */
  compareAtPrice?: number | null;
  inStock?: boolean;
  /** Review ratings (1–5) the aggregates are built from. */
  ratings?: number[];
  soldCount?: number;
  status?: "draft" | "active" | "archived";
  hidden?: boolean;
  publishedAt?: Date;
  imageUrls?: string[];
}

export async function insertProduct(db: Db, spec: ProductSpec) {
  const id = newId();
  const prices = spec.prices ?? [5_000_000];
  const ratings = spec.ratings ?? [];
  const histogram = [1, 2, 3, 4, 5].map((star) => ratings.filter((rating) => rating === star).length);
  const status = spec.status ?? "active";
  const slug = `${spec.title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${newId(6)}`;
  await db
    .insertInto("products")
    .values({
      id,
      store_id: spec.storeId,
      category_id: spec.categoryId,
      title: spec.title,
      slug,
      description: spec.description ?? "",
      tags: spec.tags ?? [],
      metadata: "{}",
      status,
      hidden_at: spec.hidden ? new Date() : null,
      hidden_reason: spec.hidden ? "test" : null,
      min_price: Math.min(...prices),
      max_price: Math.max(...prices),
      in_stock: spec.inStock ?? true,
      rating_count: ratings.length,
      rating_sum: ratings.reduce((sum, rating) => sum + rating, 0),
      rating_histogram: histogram,
      sold_count: spec.soldCount ?? 0,
      published_at: status === "active" ? (spec.publishedAt ?? new Date()) : null,
    })
    .execute();
  const cheapest = Math.min(...prices);
  await db
    .insertInto("variants")
    .values(
      prices.map((price, position) => ({
        id: newId(),
        product_id: id,
        sku: `SKU-${position}`,
        options: "{}",
        price,
        compare_at_price: price === cheapest ? (spec.compareAtPrice ?? null) : null,
        position,
      })),
    )
    .execute();
  if (spec.imageUrls?.length) {
    await db
      .insertInto("product_images")
      .values(
        // Inserted last-first, so a listing that reads the first image by insertion order fails.
        spec.imageUrls
          .map((url, position) => ({ id: newId(), product_id: id, url, storage_key: `k/${newId()}`, position }))
          .reverse(),
      )
      .execute();
  }
  return { id, slug, title: spec.title };
}
