import type { MyReview, PublicReview, SellerReview } from "@niaga/contracts";
import type { ReviewRow } from "./reviews.queries.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/** "Budi Santoso" → "Budi S.": enough to put a face to a review without publishing full names. */
export function shortName(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0];
  if (!first) return "Customer";
  const last = words.length > 1 ? words.at(-1) : undefined;
  return last ? `${first} ${last.charAt(0).toUpperCase()}.` : first;
}

export function editableUntil(createdAt: Date, editWindowDays: number): Date {
  return new Date(createdAt.getTime() + editWindowDays * DAY_MS);
}

export function toPublicReview(row: ReviewRow): PublicReview {
  return {
    id: row.id,
    rating: row.rating,
    comment: row.comment,
    images: row.images,
    authorName: shortName(row.author_name),
    variantTitle: row.variant_title,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    reply: row.reply !== null && row.replied_at !== null ? { text: row.reply, repliedAt: row.replied_at } : null,
  };
}

export function toMyReview(row: ReviewRow, editWindowDays: number): MyReview {
  return {
    ...toPublicReview(row),
    orderLineId: row.order_line_id,
    product: { id: row.product_id, slug: row.product_slug, title: row.product_title },
    hidden: row.hidden_at !== null,
    editableUntil: editableUntil(row.created_at, editWindowDays),
  };
}

export function toSellerReview(row: ReviewRow): SellerReview {
  return {
    ...toPublicReview(row),
    product: { id: row.product_id, slug: row.product_slug, title: row.product_title },
    hidden: row.hidden_at !== null,
    hiddenReason: row.hidden_reason,
  };
}
