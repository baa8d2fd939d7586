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

export async function wasEverOrdered(db: Db, productId: string): Promise<boolean> {
  return Boolean(
    await db.selectFrom("order_lines").select("id").where("product_id", "=", productId).limit(1).executeTakeFirst(),
  );
}
