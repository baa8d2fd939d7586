import type { SearchFacets } from "@niaga/contracts";
import { sql } from "kysely";

/**
 * Fixed price buckets in IDR minor units (sen: Rp 1 = 100): under Rp 50rb, 50–100rb, 100–250rb,
 * 250–500rb, 500rb–1jt, 1–5jt, 5jt and up. Fixed rather than computed per query so a shopper
 * sees the same ranges on every search and a bucket is a stable filter (minPrice/maxPrice).
 */
export const PRICE_BUCKETS: readonly { min: number; max: number | null }[] = [
  { min: 0, max: 5_000_000 },
  { min: 5_000_000, max: 10_000_000 },
  { min: 10_000_000, max: 25_000_000 },
  { min: 25_000_000, max: 50_000_000 },
  { min: 50_000_000, max: 100_000_000 },
  { min: 100_000_000, max: 500_000_000 },
  { min: 500_000_000, max: null },
];
export const RATING_THRESHOLDS = [4, 3, 2, 1] as const;
const TOP_BUCKETS = 10;

/** Selects every facet over the CTE `matched` in one pass per facet, as columns of one row. */
export function facetColumns() {
  const priceCounts = PRICE_BUCKETS.map(
    (bucket) =>
      sql`count(*) filter (where m.min_price >= ${sql.lit(bucket.min)}${
        bucket.max === null ? sql`` : sql` and m.min_price < ${sql.lit(bucket.max)}`
      })`,
  );
  const ratingCounts = RATING_THRESHOLDS.map(
    (threshold) =>
      sql`count(*) filter (where m.rating_count > 0 and m.rating_sum >= ${sql.lit(threshold)} * m.rating_count)`,
  );
  return sql`
    (select json_build_array(count(*), json_build_array(${sql.join(priceCounts)}), json_build_array(${sql.join(ratingCounts)}))
      from matched m) as facet_counts,
    (select coalesce(json_agg(t), '[]') from (
      select c.id, c.name, c.slug, count(*)::int as count
      from matched m join categories c on c.id = m.category_id
      group by c.id order by count(*) desc, c.name, c.id limit ${sql.lit(TOP_BUCKETS)}) t) as facet_categories,
    (select coalesce(json_agg(t), '[]') from (
      select m.store_id as id, m.store_name as name, m.store_slug as slug, count(*)::int as count
      from matched m
      group by m.store_id, m.store_name, m.store_slug order by count(*) desc, m.store_name, m.store_id
      limit ${sql.lit(TOP_BUCKETS)}) t) as facet_stores`;
}

type FacetBucket = SearchFacets["categories"][number];
export interface FacetRow {
  facet_counts: [number, number[], number[]];
  facet_categories: FacetBucket[];
  facet_stores: FacetBucket[];
}

export function toFacets(row: FacetRow): SearchFacets {
  const [total, prices, ratings] = row.facet_counts;
  return {
    total,
    categories: row.facet_categories,
    stores: row.facet_stores,
    prices: PRICE_BUCKETS.map((bucket, index) => ({ ...bucket, count: prices[index] ?? 0 })),
    ratings: RATING_THRESHOLDS.map((minRating, index) => ({ minRating, count: ratings[index] ?? 0 })),
  };
}
