import type { PublicStore, RatingAggregate, SellerStore, StockLocation } from "@niaga/contracts";
import type { Database } from "@niaga/db";
import type { Selectable } from "kysely";

export type StoreRow = Selectable<Database["stores"]>;
export type StockLocationRow = Selectable<Database["stock_locations"]>;

/** Average to two decimals from the integer sum and count kept on a row (null when unrated). */
export function averageRating(sum: number, count: number): number | null {
  return count > 0 ? Math.round((sum / count) * 100) / 100 : null;
}

/** The rating summary shown for a product or store: average, count and the 1–5 histogram. */
export function ratingAggregate(sum: number, count: number, histogram: number[]): RatingAggregate {
  return {
    average: averageRating(sum, count),
    count,
    histogram: [0, 1, 2, 3, 4].map((index) => histogram[index] ?? 0),
  };
}

export function toSellerStore(row: StoreRow): SellerStore {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    description: row.description,
    logoUrl: row.logo_url,
    bannerUrl: row.banner_url,
    contact: { email: row.contact_email, phone: row.contact_phone },
    address: { line: row.address_line, city: row.city, postalCode: row.postal_code, region: row.region },
    status: row.status,
    rating: ratingAggregate(row.rating_sum, row.rating_count, row.rating_histogram),
    followerCount: row.follower_count,
    productCount: row.product_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toPublicStore(row: StoreRow): PublicStore {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    description: row.description,
    logoUrl: row.logo_url,
    bannerUrl: row.banner_url,
    city: row.city,
    region: row.region,
    status: row.status,
    rating: ratingAggregate(row.rating_sum, row.rating_count, row.rating_histogram),
    followerCount: row.follower_count,
    productCount: row.product_count,
    createdAt: row.created_at,
  };
}

export function toStockLocation(row: StockLocationRow): StockLocation {
  return {
    id: row.id,
    name: row.name,
    address: { line: row.address_line, city: row.city, postalCode: row.postal_code, region: row.region },
    isDefault: row.is_default,
    createdAt: row.created_at,
  };
}
