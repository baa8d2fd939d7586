import { createHash } from "node:crypto";
import type { ProductImage } from "@niaga/contracts";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { DomainError, NotFoundError } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { assertImage } from "../storage/images.ts";
import type { Storage } from "../storage/storage.ts";
import { requireSellerStore } from "../stores/stores.service.ts";
import type { Actor } from "../users/users.service.ts";
import { toProductImage } from "./products.mappers.ts";
import { findImages, findOwnProduct, lockOwnProduct } from "./products.queries.ts";

/** Enough for a gallery; more is a catalogue mistake, not a product. */
export const MAX_IMAGES_PER_PRODUCT = 12;

async function lockProduct(db: Db, storeId: string, productId: string) {
  const product = await lockOwnProduct(db, { storeId, productId });
  if (!product) throw new NotFoundError("Product");
  return product;
}

/** Checks the bytes, stores them under a content-addressed key, and appends the image to the gallery. */
export async function uploadProductImage(
  db: Db,
  storage: Storage,
  actor: Actor,
  params: { productId: string; bytes: Uint8Array; alt: string; maxBytes: number },
): Promise<ProductImage[]> {
  const store = await requireSellerStore(db, actor.userId);
  if (!(await findOwnProduct(db, { storeId: store.id, productId: params.productId }))) {
    throw new NotFoundError("Product");
  }
  const { extension, type } = assertImage(params.bytes, params.maxBytes);
  const hash = createHash("sha256").update(params.bytes).digest("hex").slice(0, 32);
  const key = `products/${params.productId}/${hash}.${extension}`;
  // Stored before the row: a failed transaction leaves at worst an orphan file, never a broken row.
  const stored = await storage.put({ key, body: params.bytes, contentType: type });
  return inTransaction(db, async (trx) => {
    await lockProduct(trx, store.id, params.productId);
    const images = await findImages(trx, params.productId);
    if (images.length >= MAX_IMAGES_PER_PRODUCT) {
      throw new DomainError("INVALID", `A product has at most ${MAX_IMAGES_PER_PRODUCT} images`, {
        file: [`Remove an image first (at most ${MAX_IMAGES_PER_PRODUCT})`],
      });
    }
    await trx
      .insertInto("product_images")
      .values({
        id: newId(),
        product_id: params.productId,
        url: stored.url,
        storage_key: stored.key,
        alt: params.alt,
        position: images.length,
      })
      .execute();
    return (await findImages(trx, params.productId)).map(toProductImage);
  });
}

/** Puts the gallery in the given order; the list must name every image exactly once. */
export async function reorderProductImages(
  db: Db,
  actor: Actor,
  params: { productId: string; imageIds: string[] },
): Promise<ProductImage[]> {
  const store = await requireSellerStore(db, actor.userId);
  return inTransaction(db, async (trx) => {
    await lockProduct(trx, store.id, params.productId);
    const images = await findImages(trx, params.productId);
    const current = new Set(images.map((image) => image.id));
    const wanted = new Set(params.imageIds);
    if (
      wanted.size !== params.imageIds.length ||
      wanted.size !== current.size ||
      params.imageIds.some((id) => !current.has(id))
    ) {
      throw new DomainError("INVALID", "List every image of the product exactly once", {
        imageIds: ["List every image of the product exactly once"],
      });
    }
    for (const [position, id] of params.imageIds.entries()) {
      await trx.updateTable("product_images").set({ position }).where("id", "=", id).execute();
    }
    return (await findImages(trx, params.productId)).map(toProductImage);
  });
}

export async function deleteProductImage(
  db: Db,
  storage: Storage,
  actor: Actor,
  params: { productId: string; imageId: string },
): Promise<ProductImage[]> {
  const store = await requireSellerStore(db, actor.userId);
  const { images, key } = await inTransaction(db, async (trx) => {
    await lockProduct(trx, store.id, params.productId);
    const removed = await trx
      .deleteFrom("product_images")
      .where("id", "=", params.imageId)
      .where("product_id", "=", params.productId)
      .returning("storage_key")
      .executeTakeFirst();
    if (!removed) throw new NotFoundError("Image");
    const rest = await findImages(trx, params.productId);
    for (const [position, image] of rest.entries()) {
      if (image.position !== position) {
        await trx.updateTable("product_images").set({ position }).where("id", "=", image.id).execute();
      }
    }
    // The same bytes may still back another row of this product (content-addressed keys).
    const stillUsed = rest.some((image) => image.storage_key === removed.storage_key);
    return { images: await findImages(trx, params.productId), key: stillUsed ? null : removed.storage_key };
  });
  if (key) await storage.delete(key).catch(() => undefined);
  return images.map(toProductImage);
}
