import type { ColumnType, Generated } from "kysely";

// Cart, checkout and order tables (migration 2026-11-23T10-30-cart-checkout-orders).
// Money columns are int8 minor units, parsed to safe integers by the pool.

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;

export interface CartTable {
  id: string;
  customer_id: string | null;
  guest_token_hash: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface CartLineTable {
  cart_id: string;
  variant_id: string;
  quantity: number;
  seen_unit_price: number;
  added_at: CreatedAt;
  updated_at: CreatedAt;
}

export type CheckoutStatus = "pending_payment" | "paid" | "expired" | "cancelled";

/** The recipient and place an order ships to, frozen at checkout. */
export interface ShippingAddressSnapshot {
  recipient: string;
  phone: string;
  line: string;
  city: string;
  postalCode: string;
  region: string;
  note?: string;
}

export interface CheckoutTable {
  id: string;
  customer_id: string;
  idempotency_key: string;
  status: WithDefault<CheckoutStatus>;
  currency: string;
  subtotal: number;
  shipping_total: number;
  store_discount_total: WithDefault<number>;
  platform_discount: WithDefault<number>;
  coins_redeemed: WithDefault<number>;
  coins_value: WithDefault<number>;
  grand_total: number;
  /** Paid from the customer's wallet (held at checkout, taken at capture); the provider is asked for the rest. */
  wallet_amount: WithDefault<number>;
  coupon_codes: WithDefault<string[]>;
  shipping_address: Json<ShippingAddressSnapshot>;
  expires_at: Timestamp;
  paid_at: Timestamp | null;
  closed_at: Timestamp | null;
  created_at: CreatedAt;
}

export type OrderStatus =
  | "pending_payment"
  | "paid"
  | "processing"
  | "shipped"
  | "delivered"
  | "completed"
  | "cancelled";

export interface OrderTable {
  id: string;
  number: string;
  checkout_id: string;
  customer_id: string;
  store_id: string;
  status: WithDefault<OrderStatus>;
  subtotal: number;
  shipping_cost: number;
  store_discount: WithDefault<number>;
  platform_discount: WithDefault<number>;
  coins_discount: WithDefault<number>;
  total: number;
  shipping_courier: string;
  shipping_service: string;
  shipping_eta_min: WithDefault<number>;
  shipping_eta_max: WithDefault<number>;
  shipping_address: Json<ShippingAddressSnapshot>;
  weight_grams: WithDefault<number>;
  tracking_number: string | null;
  /** The courier the seller shipped with (migration 2026-11-23T10-40-order-lifecycle). */
  shipped_courier: WithDefault<string | null>;
  /** The platform's commission rate for this order, frozen when it was placed (basis points). */
  commission_bps: WithDefault<number>;
  paid_at: Timestamp | null;
  processing_at: Timestamp | null;
  shipped_at: Timestamp | null;
  delivered_at: Timestamp | null;
  completed_at: Timestamp | null;
  cancelled_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface OrderEventTable {
  id: Generated<number>;
  order_id: string;
  from_status: OrderStatus | null;
  to_status: OrderStatus;
  actor_id: string | null;
  /** customer, seller, manager, admin, superadmin or system (jobs). */
  actor_role: string;
  note: string | null;
  created_at: CreatedAt;
}

export type StockHoldStatus = "held" | "committed" | "released" | "restocked";

export interface StockHoldTable {
  id: Generated<number>;
  checkout_id: string;
  order_id: string;
  variant_id: string;
  location_id: string;
  quantity: number;
  status: WithDefault<StockHoldStatus>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface OrderTables {
  carts: CartTable;
  cart_lines: CartLineTable;
  checkouts: CheckoutTable;
  orders: OrderTable;
  order_events: OrderEventTable;
  stock_holds: StockHoldTable;
}
