import { z } from "zod";
import { pageInputSchema, pageOutputSchema } from "./pagination.ts";
import { entityIdSchema } from "./stores.ts";

export const REVIEW_COMMENT_MAX = 2000;
export const REVIEW_REPLY_MAX = 2000;
/** Images per review; uploads beyond this are refused. */
export const REVIEW_MAX_IMAGES = 5;

export const reviewRatingSchema = z
  .number({ message: "Rating must be a number from 1 to 5" })
  .int("Rating is a whole number of stars")
  .min(1, "Rating is at least 1")
  .max(5, "Rating is at most 5");

const commentSchema = z.string().trim().max(REVIEW_COMMENT_MAX, `Comment is at most ${REVIEW_COMMENT_MAX} characters`);

/** Reviews one delivered order line of the caller's; images are uploaded afterwards (`uploadImage`). */
export const createReviewInputSchema = z.object({
  orderLineId: entityIdSchema,
  rating: reviewRatingSchema,
  comment: commentSchema.default(""),
});
export type CreateReviewInput = z.infer<typeof createReviewInputSchema>;

export const updateReviewInputSchema = z.object({
  id: entityIdSchema,
  data: z
    .object({
      rating: reviewRatingSchema.optional(),
      comment: commentSchema.optional(),
      /** The images to keep, in display order: a subset of the review's current images (to remove or reorder). */
      images: z.array(z.string().max(1000)).max(REVIEW_MAX_IMAGES, `At most ${REVIEW_MAX_IMAGES} images`).optional(),
    })
    .refine((data) => Object.values(data).some((value) => value !== undefined), "Nothing to update"),
});
export type UpdateReviewInput = z.infer<typeof updateReviewInputSchema>;

export const reviewReplySchema = z.object({ text: z.string(), repliedAt: z.date() });

/** A review as anyone may see it: the author's name shortened, no account ids. */
export const publicReviewSchema = z.object({
  id: z.string(),
  rating: z.number().int(),
  comment: z.string(),
  images: z.array(z.string()),
  authorName: z.string(),
  variantTitle: z.string(),
  createdAt: z.date(),
  editedAt: z.date().nullable(),
  reply: reviewReplySchema.nullable(),
});
export type PublicReview = z.infer<typeof publicReviewSchema>;

const reviewedProductSchema = z.object({ id: z.string(), slug: z.string(), title: z.string() });

/** The author's own view: which line it reviews, whether a manager hid it, and until when it can be edited. */
export const myReviewSchema = publicReviewSchema.extend({
  orderLineId: z.string(),
  product: reviewedProductSchema,
  hidden: z.boolean(),
  editableUntil: z.date(),
});
export type MyReview = z.infer<typeof myReviewSchema>;

/** The store owner's view: hidden reviews included (flagged), so the seller knows what happened. */
export const sellerReviewSchema = publicReviewSchema.extend({
  product: reviewedProductSchema,
  hidden: z.boolean(),
  hiddenReason: z.string().nullable(),
});
export type SellerReview = z.infer<typeof sellerReviewSchema>;

export const listPublicReviewsInputSchema = pageInputSchema
  .extend({
    productId: entityIdSchema.optional(),
    productSlug: z.string().trim().min(1).max(200).optional(),
    rating: reviewRatingSchema.optional(),
  })
  .refine((input) => (input.productId === undefined) !== (input.productSlug === undefined), {
    message: "Give either productId or productSlug",
    path: ["productId"],
  });
export type ListPublicReviewsInput = z.infer<typeof listPublicReviewsInputSchema>;
export const listPublicReviewsOutputSchema = pageOutputSchema(publicReviewSchema);

export const listMyReviewsInputSchema = pageInputSchema;
export const listMyReviewsOutputSchema = pageOutputSchema(myReviewSchema);

export const listSellerReviewsInputSchema = pageInputSchema.extend({
  productId: entityIdSchema.optional(),
  rating: reviewRatingSchema.optional(),
  /** true: only replied reviews; false: only those still waiting for a reply. */
  replied: z.boolean().optional(),
});
export type ListSellerReviewsInput = z.infer<typeof listSellerReviewsInputSchema>;
export const listSellerReviewsOutputSchema = pageOutputSchema(sellerReviewSchema);

export const replyToReviewInputSchema = z.object({
  id: entityIdSchema,
  text: z
    .string()
    .trim()
    .min(1, "Write a reply")
    .max(REVIEW_REPLY_MAX, `A reply is at most ${REVIEW_REPLY_MAX} characters`),
});
export type ReplyToReviewInput = z.infer<typeof replyToReviewInputSchema>;

export const hideReviewInputSchema = z.object({
  id: entityIdSchema,
  reason: z.string().trim().min(3, "Give a reason").max(500),
});
export const unhideReviewInputSchema = z.object({
  id: entityIdSchema,
  reason: z.string().trim().max(500).optional(),
});
export const moderatedReviewSchema = z.object({
  id: z.string(),
  hidden: z.boolean(),
  hiddenReason: z.string().nullable(),
  hiddenAt: z.date().nullable(),
});
export type ModeratedReview = z.infer<typeof moderatedReviewSchema>;
