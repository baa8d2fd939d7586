import { z } from "zod";
import { productImageSchema } from "./products.ts";
import { ratingAggregateSchema, storeStatusSchema } from "./stores.ts";

/** What a shopper sees of a product's variant: no stock per location, only what can be bought. */
export const publicVariantSchema = z.object({
  id: z.string(),
  sku: z.string(),
  title: z.string(),
  options: z.record(z.string(), z.string()),
  price: z.number().int(),
  compareAtPrice: z.number().int().nullable(),
  available: z.number().int(),
});
export const publicProductSchema = z.object({
  id: z.string(),
  title: z.string(),
  slug: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  metadata: z.record(z.string(), z.unknown()),
  weightGrams: z.number().int(),
  dimensions: z.object({ lengthMm: z.number().int(), widthMm: z.number().int(), heightMm: z.number().int() }),
  minPrice: z.number().int(),
  maxPrice: z.number().int(),
  inStock: z.boolean(),
  soldCount: z.number().int(),
  publishedAt: z.date().nullable(),
  category: z.object({ id: z.string(), name: z.string(), slug: z.string() }),
  variants: z.array(publicVariantSchema),
  images: z.array(productImageSchema),
  rating: ratingAggregateSchema,
  store: z.object({
    id: z.string(),
    name: z.string(),
    slug: z.string(),
    city: z.string(),
    logoUrl: z.string().nullable(),
    status: storeStatusSchema,
    /** True while the seller is on holiday: the product shows, but orders ship later. */
    onHoliday: z.boolean(),
    rating: ratingAggregateSchema,
  }),
});
export type PublicProduct = z.infer<typeof publicProductSchema>;
export const getPublicProductInputSchema = z.object({ slug: z.string().trim().min(1).max(120) });
