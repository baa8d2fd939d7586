import type { SearchResult } from "@niaga/contracts";
import type { RawBuilder } from "kysely";
import { sql } from "kysely";
import type { Db } from "../../shared/db.ts";
import { pageLimit } from "../../shared/page-limit.ts";
import { decodeListCursor } from "../search-cursor.ts";
import type { SearchParams } from "../search-engine.ts";
import { pageOf } from "./browse.queries.ts";
import type { CardRow } from "./cards.ts";
import { cardColumns } from "./cards.ts";
import type { FacetRow } from "./facets.ts";
import { facetColumns, toFacets } from "./facets.ts";
import { allOf, filterConditions, visibleProduct } from "./filters.ts";
import { SORTS } from "./sorts.ts";

/** With fewer full-text hits than this, titles similar to the query (typos) are blended in. */
export const FUZZY_BELOW = 5;
/** ts_rank_cd weights for {D, C, B, A}: title (A) counts most, then tags (B), then description (C). */
const RANK_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}";

/** Quotes or a `-word` exclusion mean the shopper asked for exact terms: no typo blending. */
function usesExactSyntax(q: string): boolean {
  return /"|(^|\s)-\S/.test(q);
}

const matchedColumns = sql`p.id, p.slug, p.title, p.min_price, p.in_stock, p.rating_sum, p.rating_count,
  p.sold_count, p.published_at, p.category_id, p.store_id, s.name as store_name, s.slug as store_slug`;

/**
 * Search in one statement: the full-text matches (ranked with ts_rank_cd, normalised to [0, 1)
 * and lifted to [1, 2)), plus — when the first page found fewer than FUZZY_BELOW of them —
 * trigram matches on the title scored by word similarity in [0, 1], so exact hits always rank
 * first. The page and every facet read the same materialised match set, so facet counts
 * describe exactly the results. Later pages reuse the first page's fuzzy decision (in the
 * cursor) so pagination walks one stable result set.
 */
export async function searchProducts(db: Db, params: SearchParams): Promise<SearchResult> {
  const cursor = params.cursor ? decodeListCursor(params.cursor, params.sort) : null;
  const spec = SORTS[params.sort];
  // A scalar subquery, so PostgreSQL parses the query once (an InitPlan): in the generic plan a
  // prepared statement gets, a bare call on a parameter is evaluated again for every row.
  const tsquery = sql`(select websearch_to_tsquery('simple', ${params.q}))`;
  // The trigram match reads the words through a sub-select too. Seeing them, the planner could
  // estimate each search's own trigram selectivity and judge that plan cheaper than the generic
  // one: the bench's statement was planned again (~3 ms each) on a third of its calls.
  const words = sql`(select ${params.q}::text)`;
  const scope = allOf([visibleProduct, ...filterConditions(params.filters)]);
  const fuzzyGate: RawBuilder<unknown> = usesExactSyntax(params.q)
    ? sql`false`
    : cursor
      ? sql.lit(cursor.fuzzy)
      : sql`(select count(*) from fts) < ${sql.lit(FUZZY_BELOW)}`;
  const ftsScore =
    params.sort === "relevance"
      ? sql`1.0::float8 + ts_rank_cd(${RANK_WEIGHTS}::float4[], p.search_vector, ${tsquery}, 32)::float8`
      : sql`0::float8`;

  const pageConditions: RawBuilder<boolean>[] = [];
  if (spec.where) pageConditions.push(spec.where);
  if (cursor) pageConditions.push(spec.after(cursor));
  const withFacets = params.facets && !cursor;

  const { rows } = await sql<{ fts_count: number; fuzzy_on: boolean; items: CardRow[] } & Partial<FacetRow>>`
    with fts as materialized (
      select ${matchedColumns}, ${ftsScore} as score
      from products p join stores s on s.id = p.store_id
      where p.search_vector @@ ${tsquery} and ${scope}
    ),
    fuzzy as materialized (
      select ${matchedColumns}, word_similarity(${words}, p.title)::float8 as score
      from products p join stores s on s.id = p.store_id
      where ${fuzzyGate} and ${words} <% p.title and not (p.search_vector @@ ${tsquery}) and ${scope}
    ),
    matched as materialized (select * from fts union all select * from fuzzy)
    select
      (select count(*) from fts)::int as fts_count,
      ${fuzzyGate} as fuzzy_on,
      -- json_agg keeps the ordered subquery's row order (PostgREST relies on the same).
      (select coalesce(json_agg(t), '[]') from (
        select ${cardColumns({ name: "p.store_name", slug: "p.store_slug" })}, ${spec.key} as sort_key
        from matched p
        where ${allOf(pageConditions)}
        order by ${spec.orderBy}
        limit ${pageLimit(params.limit + 1)}) t) as items
      ${withFacets ? sql`, ${facetColumns()}` : sql``}`.execute(db);

  const row = rows[0];
  if (!row) throw new Error("search returned no row");
  const fuzzy = Boolean(row.fuzzy_on);
  const page = pageOf(row.items, params.limit, params.sort, fuzzy);
  const facets =
    withFacets && row.facet_counts && row.facet_categories && row.facet_stores
      ? toFacets({
          facet_counts: row.facet_counts,
          facet_categories: row.facet_categories,
          facet_stores: row.facet_stores,
        })
      : null;
  return { ...page, facets, fuzzy };
}
