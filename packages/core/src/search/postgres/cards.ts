import type { ProductCard } from "@niaga/contracts";
import { sql } from "kysely";
import { averageRating } from "../../stores/stores.mappers.ts";

/**
 * Card columns over `p` (products or search's matched rows) with `store_name`/`store_slug`
 * available as `s.name`/`s.slug` or columns. The compare-at price is the cheapest live
 * variant's; the image is the first by position. Both are one index probe per row of a page.
 */
export function cardColumns(store: { name: string; slug: string }) {
  return sql`p.id, p.slug, p.title, p.min_price, p.in_stock, p.rating_sum, p.rating_count,
    ${sql.raw(store.name)} as store_name, ${sql.raw(store.slug)} as store_slug,
    (select v.compare_at_price from variants v
      where v.product_id = p.id and v.archived_at is null
      order by v.price, v.position, v.id limit 1) as compare_at_price,
    (select i.url from product_images i where i.product_id = p.id order by i.position, i.id limit 1) as image_url`;
}

export interface CardRow {
  id: string;
  slug: string;
  title: string;
  min_price: number;
  in_stock: boolean;
  rating_sum: number;
  rating_count: number;
  store_name: string;
  store_slug: string;
  compare_at_price: number | null;
  image_url: string | null;
  sort_key: number | string | null;
}

export function toProductCard(row: CardRow): ProductCard {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    minPrice: Number(row.min_price),
    compareAtPrice: row.compare_at_price === null ? null : Number(row.compare_at_price),
    imageUrl: row.image_url,
    store: { name: row.store_name, slug: row.store_slug },
    rating: {
      average: averageRating(row.rating_sum, row.rating_count),
      count: row.rating_count,
    },
    inStock: row.in_stock,
  };
}
