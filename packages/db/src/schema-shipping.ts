import type { ColumnType } from "kysely";

// Shipping-side tables (migration 2026-11-23T10-00-addresses-shipping). Money columns are int8
// minor units, parsed to safe integers by the pool (see create-db.ts).

type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;

export interface AddressTable {
  id: string;
  customer_id: string;
  recipient: string;
  phone: string;
  line: string;
  city: string;
  postal_code: string;
  region: string;
  note: string | null;
  is_default: WithDefault<boolean>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface ShippingRateTable {
  id: string;
  /** A region name, or "*" for any region. */
  origin_region: string;
  /** A region name, or "*" for any region. */
  destination_region: string;
  courier: string;
  service: string;
  description: WithDefault<string>;
  first_kg_price: number;
  next_kg_price: number;
  max_weight_grams: number | null;
  eta_min_days: number;
  eta_max_days: number;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface ShippingTables {
  addresses: AddressTable;
  shipping_rates: ShippingRateTable;
}
