import type { ProductCardPage, ProductSort } from "@niaga/contracts";
import { sql } from "kysely";
import type { Db } from "../../shared/db.ts";
import { pageLimit } from "../../shared/page-limit.ts";
import { decodeListCursor, encodeListCursor } from "../search-cursor.ts";
import type { BrowseParams } from "../search-engine.ts";
import type { CardRow } from "./cards.ts";
import { cardColumns, toProductCard } from "./cards.ts";
import { allOf, filterConditions, visibleProduct } from "./filters.ts";
import { SORTS } from "./sorts.ts";

/** Cuts a `limit + 1` fetch into a page and the cursor of its last row. */
export function pageOf(rows: CardRow[], limit: number, sort: ProductSort, fuzzy: boolean): ProductCardPage {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toProductCard),
    nextCursor: rows.length > limit && last ? encodeListCursor({ sort, key: last.sort_key, id: last.id, fuzzy }) : null,
  };
}

/**
 * One page of the browse list: one statement that walks the sort's partial index from the
 * cursor, filtering as it goes, and stops after `limit + 1` visible rows.
 */
export async function browseProducts(db: Db, params: BrowseParams): Promise<ProductCardPage> {
  const spec = SORTS[params.sort];
  const conditions = [visibleProduct, ...filterConditions(params.filters)];
  if (spec.where) conditions.push(spec.where);
  if (params.cursor) conditions.push(spec.after(decodeListCursor(params.cursor, params.sort)));
  const { rows } = await sql<CardRow>`
    select ${cardColumns({ name: "s.name", slug: "s.slug" })}, ${spec.key} as sort_key
    from products p join stores s on s.id = p.store_id
    where ${allOf(conditions)}
    order by ${spec.orderBy}
    limit ${pageLimit(params.limit + 1)}`.execute(db);
  return pageOf(rows, params.limit, params.sort, false);
}
