import type { ArrayType } from "../shared/unnest-insert.ts";

// The columns checkout writes for each new order, its lines and their first events, with the
// array type each travels as (see insertUnnested): one parameter per column, any cart size.

export const ORDER_COLUMNS = {
  id: "text",
  number: "text",
  checkout_id: "text",
  customer_id: "text",
  store_id: "text",
  subtotal: "int8",
  shipping_cost: "int8",
  store_discount: "int8",
  platform_discount: "int8",
  coins_discount: "int8",
  total: "int8",
  commission_bps: "int4",
  shipping_courier: "text",
  shipping_service: "text",
  shipping_eta_min: "int4",
  shipping_eta_max: "int4",
  shipping_address: "jsonb",
  weight_grams: "int4",
  created_at: "timestamptz",
} as const satisfies Record<string, ArrayType>;

export const ORDER_LINE_COLUMNS = {
  id: "text",
  order_id: "text",
  customer_id: "text",
  store_id: "text",
  product_id: "text",
  variant_id: "text",
  product_title: "text",
  variant_title: "text",
  sku: "text",
  unit_price: "int8",
  quantity: "int4",
  location_id: "text",
  created_at: "timestamptz",
} as const satisfies Record<string, ArrayType>;

export const ORDER_EVENT_COLUMNS = {
  order_id: "text",
  from_status: "text",
  to_status: "text",
  actor_id: "text",
  actor_role: "text",
  note: "text",
  created_at: "timestamptz",
} as const satisfies Record<string, ArrayType>;
