import { z } from "zod";
import { MAX_PRICE } from "./products.ts";
import { entityIdSchema } from "./stores.ts";

/** Listing orders. `relevance` ranks full-text matches and exists only with a query. */
export const PRODUCT_SORTS = ["relevance", "price_asc", "price_desc", "newest", "rating", "best_selling"] as const;
export const productSortSchema = z.enum(PRODUCT_SORTS);
export type ProductSort = z.infer<typeof productSortSchema>;

const priceBoundSchema = z
  .number({ message: "Price must be a number" })
  .int("Price is a whole number of minor units")
  .min(0, "Price cannot be negative")
  .max(MAX_PRICE, "Price is unrealistically large");

/** Filters shared by the browse list and search. Prices are integer minor units. */
const filterFields = {
  /** A category id: the category and its whole subtree. */
  categoryId: entityIdSchema.optional(),
  /** A store's slug or id. */
  store: z.string().trim().min(1, "Store is required").max(64, "Store is at most 64 characters").optional(),
  minPrice: priceBoundSchema.optional(),
  maxPrice: priceBoundSchema.optional(),
  inStock: z.boolean().optional(),
  /** Minimum average rating (1–5); unrated products never pass it. */
  minRating: z.number().min(1, "Minimum rating is 1 to 5").max(5, "Minimum rating is 1 to 5").optional(),
};

const queryTextSchema = z.string().trim().min(1, "Enter something to search for").max(200, "Search is too long");

const listFields = {
  ...filterFields,
  sort: productSortSchema.optional(),
  limit: z.number().int().min(1).max(100).default(20),
  /** Opaque cursor from the previous page's `nextCursor`, used with the same query, filters and sort. */
  cursor: z.string().max(400).nullish(),
};

function checkRange(value: { minPrice?: number | undefined; maxPrice?: number | undefined }, ctx: z.RefinementCtx) {
  if (value.minPrice !== undefined && value.maxPrice !== undefined && value.minPrice > value.maxPrice) {
    ctx.addIssue({ code: "custom", message: "Maximum price must not be below the minimum", path: ["maxPrice"] });
  }
}

function checkRelevance(value: { q?: string | undefined; sort?: ProductSort | undefined }, ctx: z.RefinementCtx) {
  if (value.sort === "relevance" && !value.q) {
    ctx.addIssue({ code: "custom", message: "Sorting by relevance needs a search query", path: ["sort"] });
  }
}

/** `public.products.list`: browse with filters; `q` narrows to full-text matches (no facets). */
export const listProductsInputSchema = z
  .object({ q: queryTextSchema.optional(), ...listFields })
  .superRefine((value, ctx) => {
    checkRange(value, ctx);
    checkRelevance(value, ctx);
  });
export type ListProductsInput = z.infer<typeof listProductsInputSchema>;

/** `public.search.query`: full-text search with facets (facets on the first page only). */
export const searchProductsInputSchema = z.object({ q: queryTextSchema, ...listFields }).superRefine(checkRange);
export type SearchProductsInput = z.infer<typeof searchProductsInputSchema>;

export const suggestProductsInputSchema = z.object({
  prefix: z.string().trim().min(2, "Type at least 2 characters").max(100, "Prefix is too long"),
  limit: z.number().int().min(1).max(10).default(10),
});
export type SuggestProductsInput = z.infer<typeof suggestProductsInputSchema>;

/** A product as a listing card shows it. */
export const productCardSchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  minPrice: z.number().int(),
  /** The compare-at ("was") price of the cheapest variant, when it has one. */
  compareAtPrice: z.number().int().nullable(),
  imageUrl: z.string().nullable(),
  store: z.object({ name: z.string(), slug: z.string() }),
  rating: z.object({ average: z.number().nullable(), count: z.number().int() }),
  inStock: z.boolean(),
});
export type ProductCard = z.infer<typeof productCardSchema>;

export const productCardPageSchema = z.object({ items: z.array(productCardSchema), nextCursor: z.string().nullable() });
export type ProductCardPage = z.infer<typeof productCardPageSchema>;

const facetBucketSchema = z.object({ id: z.string(), name: z.string(), slug: z.string(), count: z.number().int() });
export const searchFacetsSchema = z.object({
  /** Total products matching the query and filters. */
  total: z.number().int(),
  categories: z.array(facetBucketSchema),
  stores: z.array(facetBucketSchema),
  /** Fixed price buckets in minor units: `min` inclusive, `max` exclusive (null: open-ended). */
  prices: z.array(z.object({ min: z.number().int(), max: z.number().int().nullable(), count: z.number().int() })),
  /** Products rated at least `minRating` on average (cumulative: 4 counts 4 and up). */
  ratings: z.array(z.object({ minRating: z.number().int(), count: z.number().int() })),
});
export type SearchFacets = z.infer<typeof searchFacetsSchema>;

export const searchResultSchema = productCardPageSchema.extend({
  /** Facet counts for the whole result set; computed on the first page only (null with a cursor). */
  facets: searchFacetsSchema.nullable(),
  /** True when few exact matches were found and similar titles (typo tolerance) were blended in. */
  fuzzy: z.boolean(),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

export const suggestionSchema = z.object({ title: z.string(), slug: z.string() });
export const suggestProductsOutputSchema = z.object({ items: z.array(suggestionSchema) });
export type SuggestProductsOutput = z.infer<typeof suggestProductsOutputSchema>;
