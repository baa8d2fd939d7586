import type { Database } from "@niaga/db";
import type { Selectable } from "kysely";
import type { Db } from "../shared/db.ts";

export type ProductRow = Selectable<Database["products"]>;
export type VariantRow = Selectable<Database["variants"]>;
export type ProductImageRow = Selectable<Database["product_images"]>;

/** A product of this store, or undefined (another store's product is as good as missing). */
export function findOwnProduct(db: Db, params: { storeId: string; productId: string }) {
  return db
    .selectFrom("products")
    .selectAll()
    .where("id", "=", params.productId)
    .where("store_id", "=", params.storeId)
    .executeTakeFirst();
}

/** Locks the store's product row; `strength: "update"` also holds off new rows referencing it (deletes). */
export function lockOwnProduct(
  db: Db,
  params: { storeId: string | null; productId: string; strength?: "no-key-update" | "update" },
) {
  let query = db.selectFrom("products").selectAll().where("id", "=", params.productId);
  if (params.storeId !== null) query = query.where("store_id", "=", params.storeId);
  return (params.strength === "update" ? query.forUpdate() : query.forNoKeyUpdate()).executeTakeFirst();
}

export function findVariants(db: Db, productId: string) {
  return db
    .selectFrom("variants")
    .selectAll()
    .where("product_id", "=", productId)
    .orderBy("position")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export function findImages(db: Db, productId: string) {
  return db
    .selectFrom("product_images")
    .selectAll()
    .where("product_id", "=", productId)
    .orderBy("position")
    .orderBy("id")
    .execute();
}

export function findLevelsOfProduct(db: Db, productId: string) {
  return db
    .selectFrom("inventory_levels")
    .innerJoin("variants", "variants.id", "inventory_levels.variant_id")
    .select([
      "inventory_levels.variant_id",
      "inventory_levels.location_id",
      "inventory_levels.on_hand",
      "inventory_levels.reserved",
    ])
    .where("variants.product_id", "=", productId)
    .orderBy("inventory_levels.location_id")
    .execute();
}

export async function categoryExists(db: Db, categoryId: string): Promise<boolean> {
  return Boolean(await db.selectFrom("categories").select("id").where("id", "=", categoryId).executeTakeFirst());
}

/**
 * Locks what a checkout of this store's product locks, in checkout's order: the cart lines
 * holding its variants, then their stock levels by (variant, location); the caller locks the
 * product row after these, as a checkout that updates it does. Order lines keep no foreign key
 * to the variant they sold (see the 2026-12-02 order-line-history migration), so this is what
 * keeps a delete and a checkout apart: a checkout that got there first commits its lines before
 * wasEverOrdered looks, and one that comes after finds its cart lines and the levels gone and sells
 * nothing.
 */
export async function lockProductSales(db: Db, params: { storeId: string; productId: string }): Promise<void> {
  await db
    .selectFrom("cart_lines as c")
    .innerJoin("variants as v", "v.id", "c.variant_id")
    .innerJoin("products as p", "p.id", "v.product_id")
    .select("c.cart_id")
    .where("p.id", "=", params.productId)
    .where("p.store_id", "=", params.storeId)
    .orderBy("c.cart_id")
    .orderBy("c.variant_id")
    .forUpdate("c")
    .execute();
  await db
    .selectFrom("inventory_levels as l")
    .innerJoin("variants as v", "v.id", "l.variant_id")
    .innerJoin("products as p", "p.id", "v.product_id")
    .select("l.variant_id")
    .where("p.id", "=", params.productId)
    .where("p.store_id", "=", params.storeId)
    .orderBy("l.variant_id")
    .orderBy("l.location_id")
    .forUpdate("l")
    .execute();
}

export async function wasEverOrdered(db: Db, productId: string): Promise<boolean> {
  return Boolean(
    await db.selectFrom("order_lines").select("id").where("product_id", "=", productId).limit(1).executeTakeFirst(),
  );
}
