import type {
  ListProductsInput,
  ProductCardPage,
  SearchProductsInput,
  SearchResult,
  SuggestProductsInput,
  SuggestProductsOutput,
} from "@niaga/contracts";
import type { Db } from "../shared/db.ts";
import { DomainError } from "../shared/errors.ts";
import { sharedWhileInFlight } from "../shared/in-flight.ts";
import { postgresSearchEngine } from "./postgres/postgres-search-engine.ts";
import type { ProductFilters, SearchEngine, SearchParams } from "./search-engine.ts";

export type SearchEngineFactory = (db: Db) => SearchEngine;

let engineFactory: SearchEngineFactory = postgresSearchEngine;

/**
 * Swaps the search backend for the whole process (called once at start-up, e.g. with an
 * external engine's adapter). Routers keep calling the functions below unchanged.
 */
export function useSearchEngine(factory: SearchEngineFactory): void {
  engineFactory = factory;
}

/**
 * A full-text search costs tens of milliseconds of PostgreSQL time (every match is ranked and
 * counted into the facets), so identical searches running at once share one query. The answer
 * does not depend on who asks: search is public and shows only visible products.
 */
const searchOnce = sharedWhileInFlight(
  (db, params: SearchParams) => engineFactory(db).search(params),
  (params) => JSON.stringify(params),
);

function filtersOf(input: ListProductsInput | SearchProductsInput): ProductFilters {
  return {
    categoryId: input.categoryId,
    store: input.store,
    minPrice: input.minPrice,
    maxPrice: input.maxPrice,
    inStock: input.inStock,
    minRating: input.minRating,
  };
}

/**
 * The public product list: newest first by default; with `q`, full-text matches ranked by
 * relevance (no facets — `searchProducts` adds them).
 */
export function listProducts(db: Db, input: ListProductsInput): Promise<ProductCardPage> {
  const cursor = input.cursor ?? null;
  if (input.q) {
    return searchOnce(db, {
      q: input.q,
      filters: filtersOf(input),
      sort: input.sort ?? "relevance",
      cursor,
      limit: input.limit,
      facets: false,
    }).then(({ items, nextCursor }) => ({ items, nextCursor }));
  }
  const sort = input.sort ?? "newest";
  if (sort === "relevance") {
    throw new DomainError("INVALID", "Sorting by relevance needs a search query", { sort: ["Needs a search query"] });
  }
  return engineFactory(db).browse({ filters: filtersOf(input), sort, cursor, limit: input.limit });
}

/** Full-text search with typo tolerance; facet counts on the first page. */
export function searchProducts(db: Db, input: SearchProductsInput): Promise<SearchResult> {
  return searchOnce(db, {
    q: input.q,
    filters: filtersOf(input),
    sort: input.sort ?? "relevance",
    cursor: input.cursor ?? null,
    limit: input.limit,
    facets: true,
  });
}

export function suggestProducts(db: Db, input: SuggestProductsInput): Promise<SuggestProductsOutput> {
  return engineFactory(db).suggest({ prefix: input.prefix, limit: input.limit });
}
