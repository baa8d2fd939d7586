import type { ProductCardPage, ProductSort, SearchResult, SuggestProductsOutput } from "@niaga/contracts";

/** Filters every listing understands. Prices are integer minor units. */
export interface ProductFilters {
  /** The category and its whole subtree. */
  categoryId?: string | undefined;
  /** A store's slug or id. */
  store?: string | undefined;
  minPrice?: number | undefined;
  maxPrice?: number | undefined;
  inStock?: boolean | undefined;
  minRating?: number | undefined;
}

export interface BrowseParams {
  filters: ProductFilters;
  sort: Exclude<ProductSort, "relevance">;
  /** The opaque cursor a previous page returned, or null for the first page. */
  cursor: string | null;
  limit: number;
}

export interface SearchParams {
  q: string;
  filters: ProductFilters;
  sort: ProductSort;
  cursor: string | null;
  limit: number;
  /** Whether to compute facet counts (first pages of a search; lists skip them). */
  facets: boolean;
}

export interface SuggestParams {
  prefix: string;
  limit: number;
}

/**
 * What browse and search need from a search backend. Routers and services only see this, so an
 * external engine (Meilisearch, OpenSearch…) can replace the PostgreSQL one without touching
 * them. Implementations only ever return visible products (active, not hidden, store not
 * closed), and throw DomainError INVALID for a cursor they did not issue.
 */
export interface SearchEngine {
  /** The plain browse list: filters, a non-relevance sort, keyset pagination. */
  browse(params: BrowseParams): Promise<ProductCardPage>;
  /** Full-text search with typo tolerance, the same filters and sorts, and facets. */
  search(params: SearchParams): Promise<SearchResult>;
  /** Title autocomplete for a typed prefix. */
  suggest(params: SuggestParams): Promise<SuggestProductsOutput>;
}
