import { sql } from "kysely";
import { categoryCommissionRate, storeCommissionRate } from "../ledger/commission.ts";
import type { Db } from "../shared/db.ts";

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

/**
 * A line read before the transaction, with its cart, its store's shipping origin (null: none)
 * and the commission rates that may apply to it (decided at placing, so read with the cart).
 */
export interface QuotedCheckoutLine extends CheckoutLine {
  cartId: string;
  originCity: string | null;
  originPostalCode: string | null;
  originRegion: string | null;
  storeRateBps: number | null;
  categoryRateBps: number | null;
}

const purchasable = sql<boolean>`(p.status = 'active' and p.hidden_at is null and v.archived_at is null and s.status = 'open')`;

/**
 * The customer's cart lines, oldest first, with each store's default stock location and the
 * commission rates, in one round trip. Unlike the cart page's query it skips images and availability: holding stock
 * checks availability under lock anyway.
 */
export function findCheckoutLines(db: Db, customerId: string): Promise<QuotedCheckoutLine[]> {
  return db
    .selectFrom("carts as k")
    .innerJoin("cart_lines as c", "c.cart_id", "k.id")
    .innerJoin("variants as v", "v.id", "c.variant_id")
    .innerJoin("products as p", "p.id", "v.product_id")
    .innerJoin("stores as s", "s.id", "p.store_id")
    .leftJoin("stock_locations as o", (join) => join.onRef("o.store_id", "=", "s.id").on("o.is_default", "=", true))
    .select([
      "k.id as cartId",
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
      storeCommissionRate(sql.ref("s.id")).as("storeRateBps"),
      categoryCommissionRate(sql.ref("p.category_id")).as("categoryRateBps"),
    ])
    .where("k.customer_id", "=", customerId)
    .orderBy("c.added_at")
    .orderBy("c.variant_id")
    .execute();
}

/**
 * Inside the checkout transaction: empties the cart and returns what it held, priced now, in one
 * statement. A failed check afterwards rolls the delete back with everything else. In no
 * particular order (a DELETE has none): callers order the rows themselves.
 */
export async function takeCartLines(db: Db, cartId: string): Promise<CheckoutLine[]> {
  const result = await sql<CheckoutLine>`
    delete from cart_lines c
    using variants v, products p, stores s
    where c.cart_id = ${cartId} and v.id = c.variant_id and p.id = v.product_id and s.id = p.store_id
    returning
      c.variant_id as "variantId", p.id as "productId", s.id as "storeId", s.name as "storeName",
      p.category_id as "categoryId", p.title as "productTitle", v.title as "variantTitle", v.sku,
      c.quantity, c.seen_unit_price as "seenUnitPrice", v.price as "unitPrice",
      p.weight_grams as "weightGrams", ${purchasable} as purchasable,
      p.low_stock_threshold as "lowStockThreshold"`.execute(db);
  return result.rows;
}
