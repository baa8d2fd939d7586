import type { PublicProduct } from "@niaga/contracts";
import { sql } from "kysely";
import type { Db } from "../shared/db.ts";
import { NotFoundError } from "../shared/errors.ts";
import { ratingAggregate } from "../stores/stores.mappers.ts";
import { toProductImage } from "./products.mappers.ts";
import { findImages } from "./products.queries.ts";

/**
 * Product detail for shoppers: only active, unhidden products of stores that are not closed
 * (a store on holiday still shows its products, flagged). Anything else is NOT_FOUND, so
 * drafts and hidden listings do not reveal that they exist.
 */
export async function getPublicProduct(db: Db, params: { slug: string }): Promise<PublicProduct> {
  const row = await db
    .selectFrom("products as p")
    .innerJoin("stores as s", "s.id", "p.store_id")
    .innerJoin("categories as c", "c.id", "p.category_id")
    .selectAll("p")
    .select([
      "s.name as store_name",
      "s.slug as store_slug",
      "s.city as store_city",
      "s.logo_url as store_logo_url",
      "s.status as store_status",
      "s.rating_sum as store_rating_sum",
      "s.rating_count as store_rating_count",
      "s.rating_histogram as store_rating_histogram",
      "c.name as category_name",
      "c.slug as category_slug",
    ])
    .where("p.slug", "=", params.slug)
    .where("p.status", "=", "active")
    .where("p.hidden_at", "is", null)
    .where("s.status", "!=", "closed")
    .executeTakeFirst();
  if (!row) throw new NotFoundError("Product");

  const [variants, images] = await Promise.all([
    db
      .selectFrom("variants as v")
      .select([
        "v.id",
        "v.sku",
        "v.title",
        "v.options",
        "v.price",
        "v.compare_at_price",
        (eb) =>
          eb
            .selectFrom("inventory_levels as l")
            .select(sql<number>`coalesce(sum(greatest(l.on_hand - l.reserved, 0)), 0)::int`.as("available"))
            .whereRef("l.variant_id", "=", "v.id")
            .as("available"),
      ])
      .where("v.product_id", "=", row.id)
      .where("v.archived_at", "is", null)
      .orderBy("v.position")
      .orderBy("v.id")
      .execute(),
    findImages(db, row.id),
  ]);

  return {
    id: row.id,
    title: row.title,
    slug: row.slug,
    description: row.description,
    tags: row.tags,
    metadata: row.metadata,
    weightGrams: row.weight_grams,
    dimensions: { lengthMm: row.length_mm, widthMm: row.width_mm, heightMm: row.height_mm },
    minPrice: row.min_price,
    maxPrice: row.max_price,
    inStock: row.in_stock,
    soldCount: row.sold_count,
    publishedAt: row.published_at,
    category: { id: row.category_id, name: row.category_name, slug: row.category_slug },
    variants: variants.map((variant) => ({
      id: variant.id,
      sku: variant.sku,
      title: variant.title,
      options: variant.options,
      price: variant.price,
      compareAtPrice: variant.compare_at_price,
      available: variant.available ?? 0,
    })),
    images: images.map(toProductImage),
    rating: ratingAggregate(row.rating_sum, row.rating_count, row.rating_histogram),
    store: {
      id: row.store_id,
      name: row.store_name,
      slug: row.store_slug,
      city: row.store_city,
      logoUrl: row.store_logo_url,
      status: row.store_status,
      onHoliday: row.store_status === "holiday",
      rating: ratingAggregate(row.store_rating_sum, row.store_rating_count, row.store_rating_histogram),
    },
  };
}
