import type { PublicProduct } from "@niaga/contracts";
import type { InferResult } from "kysely";
import { CompiledQuery, sql } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { Db } from "../shared/db.ts";
import { NotFoundError } from "../shared/errors.ts";
import { ratingAggregate } from "../stores/stores.mappers.ts";

/**
 * The detail statement: the product row with its live variants (each with its availability) and
 * its images aggregated as JSON — one round trip instead of a product query and two more. Only
 * the slug is a parameter (the visibility rules are literals), so the SQL is compiled once.
 */
function detailQuery(db: Db, slug: string) {
  return db
    .selectFrom("products as p")
    .innerJoin("stores as s", "s.id", "p.store_id")
    .innerJoin("categories as c", "c.id", "p.category_id")
    .select([
      "p.id",
      "p.title",
      "p.slug",
      "p.description",
      "p.tags",
      "p.metadata",
      "p.weight_grams",
      "p.length_mm",
      "p.width_mm",
      "p.height_mm",
      "p.min_price",
      "p.max_price",
      "p.in_stock",
      "p.sold_count",
      "p.published_at",
      "p.category_id",
      "p.rating_sum",
      "p.rating_count",
      "p.rating_histogram",
      "p.store_id",
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
      (eb) =>
        jsonArrayFrom(
          eb
            .selectFrom("variants as v")
            .select([
              "v.id",
              "v.sku",
              "v.title",
              "v.options",
              "v.price",
              "v.compare_at_price",
              (inner) =>
                inner
                  .selectFrom("inventory_levels as l")
                  .select(sql<number>`coalesce(sum(greatest(l.on_hand - l.reserved, 0)), 0)::int`.as("available"))
                  .whereRef("l.variant_id", "=", "v.id")
                  .as("available"),
            ])
            .whereRef("v.product_id", "=", "p.id")
            .where("v.archived_at", "is", null)
            .orderBy("v.position")
            .orderBy("v.id"),
        ).as("variants"),
      (eb) =>
        jsonArrayFrom(
          eb
            .selectFrom("product_images as i")
            .select(["i.id", "i.url", "i.alt", "i.position"])
            .whereRef("i.product_id", "=", "p.id")
            .orderBy("i.position")
            .orderBy("i.id"),
        ).as("images"),
    ])
    .where("p.slug", "=", slug)
    .where("p.status", "=", sql.lit("active"))
    .where("p.hidden_at", "is", null)
    .where("s.status", "!=", sql.lit("closed"));
}
type DetailRow = InferResult<ReturnType<typeof detailQuery>>[number];

// Building and compiling the statement costs more CPU than PostgreSQL takes to run it, so it is
// compiled on first use and then only re-bound with each request's slug.
let detailSql: string | null = null;

/**
 * Product detail for shoppers: only active, unhidden products of stores that are not closed
 * (a store on holiday still shows its products, flagged). Anything else is NOT_FOUND, so
 * drafts and hidden listings do not reveal that they exist.
 */
export async function getPublicProduct(db: Db, params: { slug: string }): Promise<PublicProduct> {
  detailSql ??= detailQuery(db, "").compile().sql;
  const { rows } = await db.executeQuery<DetailRow>(CompiledQuery.raw(detailSql, [params.slug]));
  const row = rows[0];
  if (!row) throw new NotFoundError("Product");
  const { variants, images } = row;

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
    images: images.map((image) => ({ id: image.id, url: image.url, alt: image.alt, position: image.position })),
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
