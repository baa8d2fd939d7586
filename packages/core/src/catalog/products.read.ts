import type { ListSellerProductsInput, SellerProduct } from "@niaga/contracts";
import { sql } from "kysely";
import { decodeCursor, encodeCursor } from "../shared/cursor.ts";
import type { Db } from "../shared/db.ts";
import { NotFoundError } from "../shared/errors.ts";
import { requireSellerStore } from "../stores/stores.service.ts";
import type { Actor } from "../users/users.service.ts";
import { toSellerProduct } from "./products.mappers.ts";
import { findImages, findLevelsOfProduct, findOwnProduct, findVariants } from "./products.queries.ts";

/** The seller's full view of one of their products; another store's id is NOT_FOUND. */
export async function loadSellerProduct(
  db: Db,
  params: { storeId: string; productId: string },
): Promise<SellerProduct> {
  const product = await findOwnProduct(db, params);
  if (!product) throw new NotFoundError("Product");
  const [variants, levels, images] = await Promise.all([
    findVariants(db, product.id),
    findLevelsOfProduct(db, product.id),
    findImages(db, product.id),
  ]);
  return toSellerProduct(product, variants, levels, images);
}

export async function getSellerProduct(db: Db, actor: Actor, params: { id: string }): Promise<SellerProduct> {
  const store = await requireSellerStore(db, actor.userId);
  return loadSellerProduct(db, { storeId: store.id, productId: params.id });
}

/** The seller's products, newest first, with a keyset cursor over (created_at, id). */
export async function listSellerProducts(db: Db, actor: Actor, input: ListSellerProductsInput) {
  const store = await requireSellerStore(db, actor.userId);
  let query = db
    .selectFrom("products")
    .select([
      "id",
      "title",
      "slug",
      "status",
      "category_id",
      "min_price",
      "max_price",
      "in_stock",
      "hidden_at",
      "created_at",
      "updated_at",
      (eb) =>
        eb
          .selectFrom("product_images")
          .select("url")
          .whereRef("product_images.product_id", "=", "products.id")
          .orderBy("position")
          .orderBy("id")
          .limit(1)
          .as("image_url"),
    ])
    .where("store_id", "=", store.id)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(input.limit + 1);
  if (input.status) query = query.where("status", "=", input.status);
  if (input.cursor) {
    const cursor = decodeCursor(input.cursor);
    query = query.where(sql<boolean>`(created_at, id) < (${cursor.at}, ${cursor.id})`);
  }
  const rows = await query.execute();
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      title: row.title,
      slug: row.slug,
      status: row.status,
      categoryId: row.category_id,
      minPrice: row.min_price,
      maxPrice: row.max_price,
      inStock: row.in_stock,
      hidden: row.hidden_at !== null,
      imageUrl: row.image_url,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    })),
    nextCursor: rows.length > input.limit && last ? encodeCursor({ at: last.created_at, id: last.id }) : null,
  };
}
