import type { ColumnType } from "kysely";

// Coupon tables (migration 2026-11-23T10-10-coupons). Money columns are int8 minor units, parsed
// to safe integers by the pool (see create-db.ts); percentages are basis points.

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;
type Json<T> = ColumnType<T, string | undefined, string>;

export type CouponScope = "platform" | "store";
export type CouponKind = "percentage" | "fixed";
export type CouponRedemptionStatus = "reserved" | "confirmed" | "released";

export interface CouponTable {
  id: string;
  scope: CouponScope;
  store_id: string | null;
  name: string;
  kind: CouponKind;
  percent_bps: number | null;
  amount_off: number | null;
  min_spend: WithDefault<number>;
  max_discount: number | null;
  usage_limit: number | null;
  per_customer_limit: number | null;
  used_count: WithDefault<number>;
  category_ids: WithDefault<string[]>;
  product_ids: WithDefault<string[]>;
  starts_at: Timestamp;
  ends_at: Timestamp | null;
  combinable: WithDefault<boolean>;
  active: WithDefault<boolean>;
  code_count: WithDefault<number>;
  created_by: string;
  created_at: CreatedAt;
  deactivated_at: Timestamp | null;
}

export interface CouponCodeTable {
  id: string;
  coupon_id: string;
  /** Uppercase: lookups uppercase the customer's input. */
  code: string;
  created_at: CreatedAt;
}

export interface CouponRedemptionTable {
  id: string;
  coupon_id: string;
  code_id: string;
  /** The checkout's text id (no foreign key: checkouts live in the checkout module). */
  checkout_id: string;
  customer_id: string;
  status: WithDefault<CouponRedemptionStatus>;
  discount: number;
  eligible_subtotal: number;
  allocations: Json<{ storeId: string; amount: number }[]>;
  created_at: CreatedAt;
  confirmed_at: Timestamp | null;
  released_at: Timestamp | null;
}

export interface CouponTables {
  coupons: CouponTable;
  coupon_codes: CouponCodeTable;
  coupon_redemptions: CouponRedemptionTable;
}
