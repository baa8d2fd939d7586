import type { ColumnType, Generated } from "kysely";

// Catalog-side tables (migration 2026-11-22T20-00-catalog). Money columns are int8 minor units,
// parsed to safe integers by the pool (see create-db.ts).

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;

export interface StoreTable {
  id: string;
  owner_id: string;
  name: string;
  slug: string;
  description: WithDefault<string>;
  logo_url: string | null;
  banner_url: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  address_line: WithDefault<string>;
  city: WithDefault<string>;
  postal_code: WithDefault<string>;
  region: WithDefault<string>;
  status: WithDefault<"open" | "holiday" | "closed">;
  rating_count: WithDefault<number>;
  rating_sum: WithDefault<number>;
  rating_histogram: WithDefault<number[]>;
  follower_count: WithDefault<number>;
  product_count: WithDefault<number>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface StockLocationTable {
  id: string;
  store_id: string;
  name: string;
  address_line: WithDefault<string>;
  city: WithDefault<string>;
  postal_code: WithDefault<string>;
  region: WithDefault<string>;
  is_default: WithDefault<boolean>;
  created_at: CreatedAt;
}

export interface CategoryTable {
  id: string;
  parent_id: string | null;
  name: string;
  slug: string;
  /** An ltree path of category ids' labels, for subtree queries (`path <@ parent.path`). */
  path: string;
  position: WithDefault<number>;
  created_at: CreatedAt;
}

export interface ProductTable {
  id: string;
  store_id: string;
  category_id: string;
  title: string;
  slug: string;
  description: WithDefault<string>;
  tags: WithDefault<string[]>;
  metadata: Json<Record<string, unknown>>;
  weight_grams: WithDefault<number>;
  length_mm: WithDefault<number>;
  width_mm: WithDefault<number>;
  height_mm: WithDefault<number>;
  status: WithDefault<"draft" | "active" | "archived">;
  hidden_at: Timestamp | null;
  hidden_reason: string | null;
  low_stock_threshold: WithDefault<number>;
  min_price: WithDefault<number>;
  max_price: WithDefault<number>;
  in_stock: WithDefault<boolean>;
  rating_count: WithDefault<number>;
  rating_sum: WithDefault<number>;
  rating_histogram: WithDefault<number[]>;
  sold_count: WithDefault<number>;
  search_vector: ColumnType<string, never, never>;
  published_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface ProductImageTable {
  id: string;
  product_id: string;
  url: string;
  storage_key: string;
  alt: WithDefault<string>;
  position: WithDefault<number>;
  created_at: CreatedAt;
}

export interface VariantTable {
  id: string;
  product_id: string;
  sku: string;
  title: WithDefault<string>;
  options: Json<Record<string, string>>;
  price: number;
  compare_at_price: number | null;
  position: WithDefault<number>;
  archived_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface InventoryLevelTable {
  variant_id: string;
  location_id: string;
  on_hand: WithDefault<number>;
  reserved: WithDefault<number>;
  updated_at: CreatedAt;
}

export interface InventoryJournalTable {
  id: Generated<number>;
  variant_id: string;
  location_id: string;
  on_hand_delta: number;
  reserved_delta: WithDefault<number>;
  on_hand_after: number;
  reason: string;
  note: string | null;
  actor_id: string | null;
  reference: string | null;
  created_at: CreatedAt;
}

export interface LowStockEventTable {
  id: Generated<number>;
  store_id: string;
  product_id: string;
  variant_id: string;
  available: number;
  threshold: number;
  delivered_at: Timestamp | null;
  created_at: CreatedAt;
}

export type OrderLineStatus =
  | "pending"
  | "paid"
  | "processing"
  | "shipped"
  | "delivered"
  | "completed"
  | "cancelled"
  | "refunded";

export interface OrderLineTable {
  id: string;
  customer_id: string;
  store_id: string;
  product_id: string;
  variant_id: string;
  product_title: string;
  variant_title: WithDefault<string>;
  unit_price: number;
  quantity: number;
  status: WithDefault<OrderLineStatus>;
  delivered_at: Timestamp | null;
  /** Null only for lines recorded before checkout existed (test fixtures). */
  order_id: WithDefault<string | null>;
  location_id: WithDefault<string | null>;
  sku: WithDefault<string>;
  created_at: CreatedAt;
}

export interface ReviewTable {
  id: string;
  order_line_id: string;
  product_id: string;
  store_id: string;
  customer_id: string;
  rating: number;
  comment: WithDefault<string>;
  images: Json<string[]>;
  reply: string | null;
  replied_at: Timestamp | null;
  hidden_at: Timestamp | null;
  hidden_reason: string | null;
  edited_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface StoreFollowTable {
  customer_id: string;
  store_id: string;
  created_at: CreatedAt;
}

export interface CatalogTables {
  stores: StoreTable;
  stock_locations: StockLocationTable;
  categories: CategoryTable;
  products: ProductTable;
  product_images: ProductImageTable;
  variants: VariantTable;
  inventory_levels: InventoryLevelTable;
  inventory_journal: InventoryJournalTable;
  low_stock_events: LowStockEventTable;
  order_lines: OrderLineTable;
  reviews: ReviewTable;
  store_follows: StoreFollowTable;
}
