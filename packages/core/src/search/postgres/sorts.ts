import type { ProductSort } from "@niaga/contracts";
import type { RawBuilder } from "kysely";
import { sql } from "kysely";
import type { ListCursor } from "../search-cursor.ts";

export interface SortSpec {
  /** The ORDER BY list; each matches a products_visible_*_idx column list, so a page is an index walk. */
  orderBy: RawBuilder<unknown>;
  /** The row's sort key as the cursor stores it (exact text for timestamps and averages). */
  key: RawBuilder<unknown>;
  /** Rows strictly after the cursor, in this order. */
  after: (cursor: ListCursor) => RawBuilder<boolean>;
  /** Extra condition the order needs (newest skips never-published rows). */
  where?: RawBuilder<boolean>;
}

// The same expression as products_visible_rating_idx, or the index cannot serve the order.
const averageRating = sql`(p.rating_sum::numeric / nullif(p.rating_count, 0))`;

/** Keyset specs over a relation aliased `p` (products, or search's matched rows with `score`). */
export const SORTS: Record<ProductSort, SortSpec> = {
  newest: {
    orderBy: sql`p.published_at desc, p.id desc`,
    key: sql`to_char(p.published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    after: (c) => sql<boolean>`(p.published_at, p.id) < (${c.key}::timestamptz, ${c.id})`,
    where: sql<boolean>`p.published_at is not null`,
  },
  price_asc: {
    orderBy: sql`p.min_price, p.id`,
    key: sql`p.min_price`,
    after: (c) => sql<boolean>`(p.min_price, p.id) > (${c.key}::int8, ${c.id})`,
  },
  price_desc: {
    orderBy: sql`p.min_price desc, p.id desc`,
    key: sql`p.min_price`,
    after: (c) => sql<boolean>`(p.min_price, p.id) < (${c.key}::int8, ${c.id})`,
  },
  best_selling: {
    orderBy: sql`p.sold_count desc, p.id desc`,
    key: sql`p.sold_count`,
    after: (c) => sql<boolean>`(p.sold_count, p.id) < (${c.key}::int8, ${c.id})`,
  },
  rating: {
    // Unrated products (a null average) come last; a cursor with a null key is in that tail.
    orderBy: sql`${averageRating} desc nulls last, p.id desc`,
    key: sql`${averageRating}::text`,
    after: (c) =>
      c.key === null
        ? sql<boolean>`(${averageRating} is null and p.id < ${c.id})`
        : sql<boolean>`((${averageRating}, p.id) < (${c.key}::numeric, ${c.id}) or ${averageRating} is null)`,
  },
  relevance: {
    orderBy: sql`p.score desc, p.id desc`,
    key: sql`p.score`,
    after: (c) => sql<boolean>`(p.score, p.id) < (${c.key}::float8, ${c.id})`,
  },
};
