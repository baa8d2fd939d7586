import type { SellerProduct, UpdateProductInput } from "@niaga/contracts";
import { emitDomainEvents } from "../events/domain-events.ts";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { DomainError, NotFoundError } from "../shared/errors.ts";
import { isUniqueViolation } from "../shared/pg-errors.ts";
import type { Storage } from "../storage/storage.ts";
import { requireSellerStore } from "../stores/stores.service.ts";
import type { Actor } from "../users/users.service.ts";
import { applyVisibilityChange } from "./product-aggregates.ts";
import type { ProductRow } from "./products.queries.ts";
import { categoryExists, lockOwnProduct, lockProductSales, wasEverOrdered } from "./products.queries.ts";
import { loadSellerProduct } from "./products.read.ts";

async function requireLockedProduct(db: Db, storeId: string, productId: string, strength?: "update") {
  const product = await lockOwnProduct(db, { storeId, productId, ...(strength && { strength }) });
  if (!product) throw new NotFoundError("Product");
  return product;
}

async function hasLiveVariant(db: Db, productId: string): Promise<boolean> {
  const row = await db
    .selectFrom("variants")
    .select("id")
    .where("product_id", "=", productId)
    .where("archived_at", "is", null)
    .executeTakeFirst();
  return Boolean(row);
}

/** Applies a status change: activation needs a live variant and stamps published_at the first time. */
async function statusChange(db: Db, product: ProductRow, status: ProductRow["status"] | undefined) {
  if (status === undefined || status === product.status) return {};
  if (status === "active" && !(await hasLiveVariant(db, product.id))) {
    throw new DomainError("INVALID", "Add a variant before activating the product", {
      status: ["A product needs at least one variant to be active"],
    });
  }
  return { status, ...(status === "active" && product.published_at === null && { published_at: new Date() }) };
}

export async function updateProduct(db: Db, actor: Actor, input: UpdateProductInput): Promise<SellerProduct> {
  const store = await requireSellerStore(db, actor.userId);
  const { data } = input;
  return inTransaction(db, async (trx) => {
    const product = await requireLockedProduct(trx, store.id, input.id);
    if (data.categoryId !== undefined && !(await categoryExists(trx, data.categoryId))) {
      throw new DomainError("INVALID", "The category does not exist", { categoryId: ["Unknown category"] });
    }
    const status = await statusChange(trx, product, data.status);
    try {
      const updated = await trx
        .updateTable("products")
        .set({
          ...(data.title !== undefined && { title: data.title }),
          ...(data.slug !== undefined && { slug: data.slug }),
          ...(data.description !== undefined && { description: data.description }),
          ...(data.categoryId !== undefined && { category_id: data.categoryId }),
          ...(data.tags !== undefined && { tags: data.tags }),
          ...(data.metadata !== undefined && { metadata: JSON.stringify(data.metadata) }),
          ...(data.weightGrams !== undefined && { weight_grams: data.weightGrams }),
          ...(data.dimensions !== undefined && {
            length_mm: data.dimensions.lengthMm,
            width_mm: data.dimensions.widthMm,
            height_mm: data.dimensions.heightMm,
          }),
          ...(data.lowStockThreshold !== undefined && { low_stock_threshold: data.lowStockThreshold }),
          ...status,
          updated_at: new Date(),
        })
        .where("id", "=", product.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await applyVisibilityChange(trx, { storeId: store.id, before: product, after: updated });
      // First activation only (published_at is stamped once): followers hear of a new product once.
      if ("published_at" in status) {
        await emitDomainEvents(trx, [
          {
            type: "product.published",
            aggregate: { type: "product", id: product.id },
            payload: { productId: product.id, storeId: store.id },
          },
        ]);
      }
    } catch (error) {
      if (isUniqueViolation(error, "products_slug_key")) {
        throw new DomainError("CONFLICT", "That product slug is taken", { slug: ["This slug is already in use"] });
      }
      throw error;
    }
    return loadSellerProduct(trx, { storeId: store.id, productId: product.id });
  });
}

export async function archiveProduct(db: Db, actor: Actor, params: { id: string }): Promise<SellerProduct> {
  return updateProduct(db, actor, { id: params.id, data: { status: "archived" } });
}

/**
 * Deletes the product, or archives it when it was ever ordered (order lines reference it, and
 * order history keeps its snapshot). The product's row lock is a full `for update`, and its cart
 * lines and stock levels are locked as a checkout locks them (lockProductSales), so no order line
 * can start referencing it between the check and the delete.
 */
export async function deleteProduct(
  db: Db,
  storage: Storage,
  actor: Actor,
  params: { id: string },
): Promise<{ outcome: "deleted" | "archived" }> {
  const store = await requireSellerStore(db, actor.userId);
  const result = await inTransaction(db, async (trx) => {
    await lockProductSales(trx, { storeId: store.id, productId: params.id });
    const product = await requireLockedProduct(trx, store.id, params.id, "update");
    if (await wasEverOrdered(trx, product.id)) {
      if (product.status !== "archived") {
        const updated = await trx
          .updateTable("products")
          .set({ status: "archived", updated_at: new Date() })
          .where("id", "=", product.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await applyVisibilityChange(trx, { storeId: store.id, before: product, after: updated });
      }
      return { outcome: "archived" as const, keys: [] };
    }
    const images = await trx
      .selectFrom("product_images")
      .select("storage_key")
      .where("product_id", "=", product.id)
      .execute();
    await trx.deleteFrom("products").where("id", "=", product.id).execute();
    await applyVisibilityChange(trx, { storeId: store.id, before: product, after: null });
    return { outcome: "deleted" as const, keys: images.map((image) => image.storage_key) };
  });
  // Files go after the commit: a rolled-back delete must not lose its images. A failure here
  // only leaves an orphan file behind.
  await Promise.allSettled(result.keys.map((key) => storage.delete(key)));
  return { outcome: result.outcome };
}
