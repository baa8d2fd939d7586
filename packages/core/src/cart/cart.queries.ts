import { sql } from "kysely";
import type { Db } from "../shared/db.ts";

/** One cart line joined with what the shopper needs to see now: price, stock, and whether it can be bought. */
export interface CartLineRow {
  variantId: string;
  productId: string;
  storeId: string;
  storeName: string;
  storeSlug: string;
  categoryId: string;
  productTitle: string;
  productSlug: string;
  variantTitle: string;
  sku: string;
  imageUrl: string | null;
  quantity: number;
  seenUnitPrice: number;
  unitPrice: number;
  weightGrams: number;
  available: number;
  purchasable: boolean;
  addedAt: Date;
}

/** The cart's lines with current prices and availability, oldest first (the order they were added). */
export function findCartLines(db: Db, cartId: string): Promise<CartLineRow[]> {
  return db
    .selectFrom("cart_lines as c")
    .innerJoin("variants as v", "v.id", "c.variant_id")
    .innerJoin("products as p", "p.id", "v.product_id")
    .innerJoin("stores as s", "s.id", "p.store_id")
    .select([
      "c.variant_id as variantId",
      "p.id as productId",
      "s.id as storeId",
      "s.name as storeName",
      "s.slug as storeSlug",
      "p.category_id as categoryId",
      "p.title as productTitle",
      "p.slug as productSlug",
      "v.title as variantTitle",
      "v.sku",
      sql<
        string | null
      >`(select i.url from product_images i where i.product_id = p.id order by i.position, i.id limit 1)`.as(
        "imageUrl",
      ),
      "c.quantity",
      "c.seen_unit_price as seenUnitPrice",
      "v.price as unitPrice",
      "p.weight_grams as weightGrams",
      sql<number>`coalesce((select sum(greatest(l.on_hand - l.reserved, 0)) from inventory_levels l where l.variant_id = v.id), 0)::int`.as(
        "available",
      ),
      sql<boolean>`(p.status = 'active' and p.hidden_at is null and v.archived_at is null and s.status = 'open')`.as(
        "purchasable",
      ),
      "c.added_at as addedAt",
    ])
    .where("c.cart_id", "=", cartId)
    .orderBy("c.added_at")
    .orderBy("c.variant_id")
    .execute();
}

/** The variant's current price, or undefined when it does not exist or is not for sale. */
export function findSellableVariant(db: Db, variantId: string) {
  return db
    .selectFrom("variants as v")
    .innerJoin("products as p", "p.id", "v.product_id")
    .innerJoin("stores as s", "s.id", "p.store_id")
    .select(["v.id", "v.price"])
    .where("v.id", "=", variantId)
    .where("v.archived_at", "is", null)
    .where("p.status", "=", "active")
    .where("p.hidden_at", "is", null)
    .where("s.status", "<>", "closed")
    .executeTakeFirst();
}
