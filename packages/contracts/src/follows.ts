import { z } from "zod";
import { pageInputSchema, pageOutputSchema } from "./pagination.ts";
import { entityIdSchema, ratingAggregateSchema, storeStatusSchema } from "./stores.ts";

export const followStoreInputSchema = z.object({ storeId: entityIdSchema });
export type FollowStoreInput = z.infer<typeof followStoreInputSchema>;

/** The caller's follow state after a follow or unfollow, with the store's follower count. */
export const followStateSchema = z.object({
  storeId: z.string(),
  following: z.boolean(),
  followerCount: z.number().int(),
});
export type FollowState = z.infer<typeof followStateSchema>;

export const followedStoreSchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  logoUrl: z.string().nullable(),
  city: z.string(),
  status: storeStatusSchema,
  followerCount: z.number().int(),
  followedAt: z.date(),
});
export type FollowedStore = z.infer<typeof followedStoreSchema>;

export const listFollowedStoresInputSchema = pageInputSchema;
export const listFollowedStoresOutputSchema = pageOutputSchema(followedStoreSchema);

/** A product card in the "following" feed. */
export const feedProductSchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  imageUrl: z.string().nullable(),
  minPrice: z.number().int(),
  maxPrice: z.number().int(),
  inStock: z.boolean(),
  rating: ratingAggregateSchema,
  publishedAt: z.date(),
  store: z.object({ id: z.string(), name: z.string(), slug: z.string() }),
});
export type FeedProduct = z.infer<typeof feedProductSchema>;

export const followingFeedInputSchema = pageInputSchema;
export const followingFeedOutputSchema = pageOutputSchema(feedProductSchema);
