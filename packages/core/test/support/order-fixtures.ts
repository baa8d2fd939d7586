import type { Db } from "@niaga/core/shared/db";
import { newId } from "@niaga/core/shared/ids";
import type { OrderStatus } from "@niaga/db";
import { insertAccount, insertProduct, insertStore } from "./review-fixtures.ts";

// Checkouts, orders, lines and stock holds written straight with Kysely, in any state, so the
// order lifecycle is tested on its own while checkout is built alongside it. Each order sells one
// variant from a location stocked with STOCK_ON_HAND units; its hold and the level agree with the
// order's state (held while unpaid, committed once paid, released when cancelled unpaid).

export const STOCK_ON_HAND = 10;

export const TEST_ADDRESS = {
  recipient: "Siti Rahma",
  phone: "+628123456789",
  line: "Jl. Kenanga 7",
  city: "Bandung",
  postalCode: "40115",
  region: "Jawa Barat",
};

/** The timestamp columns an order in `status` has filled (every state it passed through). */
const PATH: OrderStatus[] = ["pending_payment", "paid", "processing", "shipped", "delivered", "completed"];
const STAMP: Partial<Record<OrderStatus, string>> = {
  paid: "paid_at",
  processing: "processing_at",
  shipped: "shipped_at",
  delivered: "delivered_at",
  completed: "completed_at",
  cancelled: "cancelled_at",
};

export interface OrderSpec {
  status: OrderStatus;
  /** An existing store; a fresh one (with its own seller) otherwise. */
  storeId?: string;
  quantity?: number;
  unitPrice?: number;
  number?: string;
  createdAt?: Date;
  /** When the order entered each state it reached (defaults to now). */
  at?: Partial<Record<"paid" | "processing" | "shipped" | "delivered" | "completed" | "cancelled", Date>>;
}

export interface FixtureOrder {
  id: string;
  number: string;
  storeId: string;
  sellerId: string;
  variantId: string;
  locationId: string;
  lineId: string;
  quantity: number;
  total: number;
}

/** One checkout of `customerId` (a fresh customer otherwise) with one order per spec. */
export async function insertCheckoutOrders(
  db: Db,
  params: { customerId?: string; orders: OrderSpec[]; checkoutStatus?: "pending_payment" | "paid" },
): Promise<{ checkoutId: string; customerId: string; orders: FixtureOrder[] }> {
  const customerId = params.customerId ?? (await insertAccount(db, "customer")).userId;
  const checkoutId = newId();
  const shipping = 10_000;
  const totals = params.orders.map((spec) => (spec.unitPrice ?? 85_000) * (spec.quantity ?? 1));
  const subtotal = totals.reduce((sum, value) => sum + value, 0);
  const anyPaid = params.orders.some((spec) => spec.status !== "pending_payment" && spec.status !== "cancelled");
  await db
    .insertInto("checkouts")
    .values({
      id: checkoutId,
      customer_id: customerId,
      idempotency_key: newId(),
      status: params.checkoutStatus ?? (anyPaid ? "paid" : "pending_payment"),
      currency: "IDR",
      subtotal,
      shipping_total: shipping * params.orders.length,
      grand_total: subtotal + shipping * params.orders.length,
      shipping_address: JSON.stringify(TEST_ADDRESS),
      expires_at: new Date(Date.now() + 30 * 60_000),
      paid_at: anyPaid ? new Date() : null,
    })
    .execute();
  const orders: FixtureOrder[] = [];
  for (const [index, spec] of params.orders.entries()) {
    orders.push(await insertOrderRow(db, { checkoutId, customerId, spec, subtotal: totals[index] ?? 0, shipping }));
  }
  return { checkoutId, customerId, orders };
}

/** A single-order checkout: what most lifecycle tests start from. */
export async function insertOrder(
  db: Db,
  spec: OrderSpec & { customerId?: string },
): Promise<FixtureOrder & { checkoutId: string; customerId: string }> {
  const { customerId, ...orderSpec } = spec;
  const made = await insertCheckoutOrders(db, { ...(customerId && { customerId }), orders: [orderSpec] });
  const order = made.orders[0];
  if (!order) throw new Error("fixture made no order");
  return { ...order, checkoutId: made.checkoutId, customerId: made.customerId };
}

async function insertOrderRow(
  db: Db,
  params: { checkoutId: string; customerId: string; spec: OrderSpec; subtotal: number; shipping: number },
): Promise<FixtureOrder> {
  const { spec } = params;
  const store = spec.storeId
    ? await db
        .selectFrom("stores")
        .select(["id", "owner_id as ownerId"])
        .where("id", "=", spec.storeId)
        .executeTakeFirstOrThrow()
    : await insertStore(db);
  const product = await insertProduct(db, { storeId: store.id });
  const locationId = newId();
  await db.insertInto("stock_locations").values({ id: locationId, store_id: store.id, name: "Gudang" }).execute();
  const quantity = spec.quantity ?? 1;
  const unpaid = spec.status === "pending_payment";
  const cancelled = spec.status === "cancelled";
  await db
    .insertInto("inventory_levels")
    .values({
      variant_id: product.variantId,
      location_id: locationId,
      on_hand: unpaid || cancelled ? STOCK_ON_HAND : STOCK_ON_HAND - quantity,
      reserved: unpaid ? quantity : 0,
    })
    .execute();

  const id = newId();
  const reached = cancelled ? ["cancelled"] : PATH.slice(1, PATH.indexOf(spec.status) + 1);
  const stamps: Record<string, Date> = {};
  for (const status of reached) {
    const column = STAMP[status as OrderStatus];
    if (column) stamps[column] = spec.at?.[status as keyof NonNullable<OrderSpec["at"]>] ?? new Date();
  }
  const total = params.subtotal + params.shipping;
  const number = spec.number ?? `T-${newId(10).toUpperCase()}`;
  await db
    .insertInto("orders")
    .values({
      id,
      number,
      checkout_id: params.checkoutId,
      customer_id: params.customerId,
      store_id: store.id,
      status: spec.status,
      subtotal: params.subtotal,
      shipping_cost: params.shipping,
      total,
      shipping_courier: "jne",
      shipping_service: "REG",
      shipping_eta_min: 2,
      shipping_eta_max: 3,
      shipping_address: JSON.stringify(TEST_ADDRESS),
      weight_grams: 250,
      ...stamps,
      ...(spec.createdAt && { created_at: spec.createdAt }),
    })
    .execute();
  const lineId = newId();
  await db
    .insertInto("order_lines")
    .values({
      id: lineId,
      order_id: id,
      customer_id: params.customerId,
      store_id: store.id,
      product_id: product.id,
      variant_id: product.variantId,
      location_id: locationId,
      sku: "KG-250",
      product_title: "Kopi Gayo 250 g",
      variant_title: "250 g",
      unit_price: spec.unitPrice ?? 85_000,
      quantity,
      status: spec.status === "pending_payment" ? "pending" : spec.status,
      delivered_at: stamps.delivered_at ?? null,
    })
    .execute();
  await db
    .insertInto("stock_holds")
    .values({
      checkout_id: params.checkoutId,
      order_id: id,
      variant_id: product.variantId,
      location_id: locationId,
      quantity,
      status: unpaid ? "held" : cancelled ? "released" : "committed",
    })
    .execute();
  return {
    id,
    number,
    storeId: store.id,
    sellerId: store.ownerId,
    variantId: product.variantId,
    locationId,
    lineId,
    quantity,
    total,
  };
}

/** The stock level an order's line draws on. */
export function levelOf(db: Db, order: Pick<FixtureOrder, "variantId" | "locationId">) {
  return db
    .selectFrom("inventory_levels")
    .select(["on_hand", "reserved"])
    .where("variant_id", "=", order.variantId)
    .where("location_id", "=", order.locationId)
    .executeTakeFirstOrThrow();
}

/** An order's status, its line statuses and its events, oldest first. */
export async function orderState(db: Db, orderId: string) {
  const order = await db.selectFrom("orders").selectAll().where("id", "=", orderId).executeTakeFirstOrThrow();
  const lines = await db
    .selectFrom("order_lines")
    .select(["status", "delivered_at"])
    .where("order_id", "=", orderId)
    .execute();
  const events = await db
    .selectFrom("order_events")
    .selectAll()
    .where("order_id", "=", orderId)
    .orderBy("id")
    .execute();
  return { order, lines, events };
}
