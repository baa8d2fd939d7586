import type { SuggestProductsOutput } from "@niaga/contracts";
import { sql } from "kysely";
import type { Db } from "../../shared/db.ts";
import { pageLimit } from "../../shared/page-limit.ts";
import type { SuggestParams } from "../search-engine.ts";
import { visibleProduct } from "./filters.ts";

/** Escapes LIKE's wildcards so a typed `%` or `_` matches itself. */
function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/**
 * Titles containing the typed text (served by the title trigram index), titles that start with
 * it first, then best sellers. A pattern too short for trigrams falls back to walking the
 * best-selling index, which finds ten matches for a common prefix within a few hundred rows.
 */
export async function suggestProducts(db: Db, params: SuggestParams): Promise<SuggestProductsOutput> {
  const prefix = likeEscape(params.prefix);
  const { rows } = await sql<{ title: string; slug: string }>`
    select p.title, p.slug
    from products p join stores s on s.id = p.store_id
    where ${visibleProduct} and p.title ilike ${`%${prefix}%`}
    order by (p.title ilike ${`${prefix}%`}) desc, p.sold_count desc, p.id desc
    limit ${pageLimit(params.limit)}`.execute(db);
  return { items: rows };
}
