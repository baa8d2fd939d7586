import type { OperationNodeSource } from "kysely";
import { sql } from "kysely";
import { jsonArrayFrom, jsonObjectFrom } from "kysely/helpers/postgres";
import type { AddressRow } from "../addresses/addresses.queries.ts";
import { addressQuery } from "../addresses/addresses.queries.ts";
import { categoryCommissionRate, storeCommissionRate } from "../ledger/commission.ts";
import type { Db } from "../shared/db.ts";
import { lockedLevelsQuery, sortLevels } from "./stock-holds.ts";
import type { LockedLevel } from "./stock-level-effects.ts";

/** One cart line as checkout needs it: what is bought, at which price, and whether it is for sale now. */
export interface CheckoutLine {
  variantId: string;
  productId: string;
  storeId: string;
  storeName: string;
  categoryId: string;
  productTitle: string;
  variantTitle: string;
  sku: string;
  quantity: number;
  seenUnitPrice: number;
  unitPrice: number;
  weightGrams: number;
  purchasable: boolean;
  lowStockThreshold: number;
}

/** A line with its store's shipping origin (null: none), which its shipping is quoted from. */
export interface ShippableCheckoutLine extends CheckoutLine {
  originCity: string | null;
  originPostalCode: string | null;
  originRegion: string | null;
}

/**
 * A line as the checkout transaction takes it from the cart: with its origin and the commission
 * rates that may apply to it (decided at placing, so read with the lines it is placed for).
 */
export interface CheckoutStartLine extends ShippableCheckoutLine {
  storeRateBps: number | null;
  categoryRateBps: number | null;
}

const purchasable = sql<boolean>`(p.status = 'active' and p.hidden_at is null and v.archived_at is null and s.status = 'open')`;

/**
 * The customer's cart lines, oldest first, with each store's default stock location: what the
 * shipping quotes before the transaction need. Unlike the cart page's query it skips images and
 * availability: holding stock checks availability under lock anyway.
 */
function checkoutLinesQuery(db: Db, customerId: string) {
  return db
    .selectFrom("carts as k")
    .innerJoin("cart_lines as c", "c.cart_id", "k.id")
    .innerJoin("variants as v", "v.id", "c.variant_id")
    .innerJoin("products as p", "p.id", "v.product_id")
    .innerJoin("stores as s", "s.id", "p.store_id")
    .leftJoin("stock_locations as o", (join) => join.onRef("o.store_id", "=", "s.id").on("o.is_default", "=", true))
    .select([
      "c.variant_id as variantId",
      "p.id as productId",
      "s.id as storeId",
      "s.name as storeName",
      "p.category_id as categoryId",
      "p.title as productTitle",
      "v.title as variantTitle",
      "v.sku",
      "c.quantity",
      "c.seen_unit_price as seenUnitPrice",
      "v.price as unitPrice",
      "p.weight_grams as weightGrams",
      purchasable.as("purchasable"),
      "p.low_stock_threshold as lowStockThreshold",
      "o.city as originCity",
      "o.postal_code as originPostalCode",
      "o.region as originRegion",
    ])
    .where("k.customer_id", "=", customerId)
    .orderBy("c.added_at")
    .orderBy("c.variant_id");
}

/**
 * What checkout reads before its transaction, in one statement: the cart's lines (see
 * checkoutLinesQuery) and the delivery address, null when it is not this customer's. One round
 * trip and one statement instead of two side by side.
 */
export async function findCheckoutStart(
  db: Db,
  params: { customerId: string; addressId: string },
): Promise<{ lines: ShippableCheckoutLine[]; address: AddressRow | null }> {
  const row = await db
    .selectNoFrom([
      // Row order survives json_agg over an ordered subquery; the values are JSON's (no dates here).
      jsonArrayFrom(checkoutLinesQuery(db, params.customerId)).as("lines"),
      jsonObjectFrom(addressQuery(db, params)).as("address"),
    ])
    .executeTakeFirstOrThrow();
  return { lines: row.lines as ShippableCheckoutLine[], address: addressFromJson(row.address) };
}

/** An address row as to_json wrote it (timestamps as strings), or null. */
function addressFromJson(json: unknown): AddressRow | null {
  const address = json as
    | (Omit<AddressRow, "created_at" | "updated_at"> & { created_at: string; updated_at: string })
    | null;
  return (
    address && {
      ...address,
      created_at: new Date(address.created_at),
      updated_at: new Date(address.updated_at),
    }
  );
}

/**
 * Claims a checkout's idempotency key for this transaction, before it locks anything but the
 * cart: a transaction-scoped advisory lock on the (customer, key) pair, so a twin request waits
 * here until the first one commits, never holding stock levels the first may still need. The one
 * row says whether the key was unused in the statement's snapshot. The checkout row itself is
 * written with the orders; its unique key on (customer, key) is the final word, so a twin that
 * got past this (its snapshot older than the first one's commit) fails there and is answered
 * with the first one's checkout (placeCheckout).
 */
export function claimIdempotencyKey(params: { customerId: string; key: string }) {
  return sql<{ fresh: boolean }>`
    select pg_advisory_xact_lock(hashtextextended(${params.customerId} || ' ' || ${params.key}, 0)) as locked,
      not exists (
        select from checkouts where customer_id = ${params.customerId} and idempotency_key = ${params.key}
      ) as fresh`;
}

/** What the checkout transaction's first statement did. */
export interface OpenedCheckout {
  /** The cart's lines, priced now, oldest first (the cart is empty after this). */
  lines: CheckoutStartLine[];
  /** False: a request with the same idempotency key already created its checkout. */
  claimed: boolean;
  /** The taken lines' levels, locked, in (variant, location) order; empty unless `lock` was set. */
  levels: LockedLevel[];
  /** Null when the address is not this customer's. */
  address: AddressRow | null;
}

/**
 * The checkout transaction's first statement, in one round trip: it empties the customer's cart
 * and returns what it held, priced now, each line with its store's shipping origin and its
 * commission rates; then it claims the idempotency key (see claimIdempotencyKey); then, when
 * `lock` is set, it locks the taken lines' stock levels; and it reads the address. The steps
 * happen in that order (each is a subquery of the select list, evaluated left to right): cart
 * rows, the key, then the levels in their one lock order. A failed check afterwards rolls
 * everything back.
 */
export async function openCheckout(
  trx: Db,
  params: { customerId: string; addressId: string; claim: OperationNodeSource; lock: boolean },
): Promise<OpenedCheckout> {
  const result = await sql<Omit<OpenedCheckout, "address"> & { address: unknown }>`
    with taken as (
      delete from cart_lines c
      using carts k, variants v, products p,
        stores s left join stock_locations o on o.store_id = s.id and o.is_default
      where k.customer_id = ${params.customerId} and c.cart_id = k.id
        and v.id = c.variant_id and p.id = v.product_id and s.id = p.store_id
      returning
        c.variant_id as "variantId", p.id as "productId", s.id as "storeId", s.name as "storeName",
        p.category_id as "categoryId", p.title as "productTitle", v.title as "variantTitle", v.sku,
        c.quantity, c.seen_unit_price as "seenUnitPrice", v.price as "unitPrice",
        p.weight_grams as "weightGrams", ${purchasable} as purchasable,
        p.low_stock_threshold as "lowStockThreshold", c.added_at as "addedAt",
        o.city as "originCity", o.postal_code as "originPostalCode", o.region as "originRegion",
        ${storeCommissionRate(sql.ref("s.id"))} as "storeRateBps",
        ${categoryCommissionRate(sql.ref("p.category_id"))} as "categoryRateBps"
    ), claimed as (${params.claim})${
      params.lock
        ? sql`, levels as (${lockedLevelsQuery(trx, sql<boolean>`l.variant_id in (select "variantId" from taken)`)})`
        : sql``
    }
    select
      (select coalesce(json_agg(taken order by "addedAt", "variantId"), '[]') from taken) as lines,
      (select fresh from claimed) as claimed,
      ${params.lock ? sql`(select coalesce(json_agg(levels), '[]') from levels)` : sql`'[]'::json`} as levels,
      (${jsonObjectFrom(addressQuery(trx, params))}) as address`.execute(trx);
  const row = result.rows[0] as Omit<OpenedCheckout, "address"> & { address: unknown };
  return {
    lines: row.lines,
    claimed: row.claimed,
    levels: sortLevels(row.levels),
    address: addressFromJson(row.address),
  };
}
