import type { BulkUpdatePricesInput, SellerProduct, UpdateVariantInput, VariantInput } from "@niaga/contracts";
import { sql } from "kysely";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { DomainError, NotFoundError } from "../shared/errors.ts";
import { isUniqueViolation } from "../shared/pg-errors.ts";
import { requireSellerStore } from "../stores/stores.service.ts";
import type { Actor } from "../users/users.service.ts";
import { refreshProductAggregates } from "./product-aggregates.ts";
import { insertVariants } from "./products.create.ts";
import { lockOwnProduct } from "./products.queries.ts";
import { loadSellerProduct } from "./products.read.ts";

// Lock order in this module: products (by id), then variants (by id).

const skuTaken = (field = "sku") =>
  new DomainError("CONFLICT", "That SKU is already used by this product", { [field]: ["SKU already in use"] });

async function lockProductOf(trx: Db, storeId: string, productId: string) {
  const product = await lockOwnProduct(trx, { storeId, productId });
  if (!product) throw new NotFoundError("Product");
  return product;
}

async function findOwnVariant(db: Db, storeId: string, variantId: string) {
  const variant = await db
    .selectFrom("variants")
    .innerJoin("products", "products.id", "variants.product_id")
    .selectAll("variants")
    .where("variants.id", "=", variantId)
    .where("products.store_id", "=", storeId)
    .executeTakeFirst();
  if (!variant) throw new NotFoundError("Variant");
  return variant;
}

export async function addVariant(
  db: Db,
  actor: Actor,
  params: { productId: string; data: VariantInput },
): Promise<SellerProduct> {
  const store = await requireSellerStore(db, actor.userId);
  return inTransaction(db, async (trx) => {
    const product = await lockProductOf(trx, store.id, params.productId);
    const existing = await trx
      .selectFrom("variants")
      .select(["sku", sql<number>`position`.as("position")])
      .where("product_id", "=", product.id)
      .execute();
    if (existing.some((variant) => variant.sku === params.data.sku)) throw skuTaken("data.sku");
    const defaultLocation = await trx
      .selectFrom("stock_locations")
      .select("id")
      .where("store_id", "=", store.id)
      .where("is_default", "=", true)
      .executeTakeFirst();
    await insertVariants(trx, {
      productId: product.id,
      storeId: store.id,
      defaultLocationId: defaultLocation?.id ?? null,
      variants: [params.data],
      firstPosition: Math.max(-1, ...existing.map((variant) => variant.position)) + 1,
      actorId: actor.userId,
      fieldPrefix: () => "data",
    });
    await refreshProductAggregates(trx, [product.id]);
    return loadSellerProduct(trx, { storeId: store.id, productId: product.id });
  });
}

export async function updateVariant(db: Db, actor: Actor, input: UpdateVariantInput): Promise<SellerProduct> {
  const store = await requireSellerStore(db, actor.userId);
  const { data } = input;
  return inTransaction(db, async (trx) => {
    const found = await findOwnVariant(trx, store.id, input.id);
    await lockProductOf(trx, store.id, found.product_id);
    const variant = await findOwnVariant(trx, store.id, input.id);
    const price = data.price ?? variant.price;
    const compareAt = data.compareAtPrice !== undefined ? data.compareAtPrice : variant.compare_at_price;
    if (compareAt !== null && compareAt <= price) {
      throw new DomainError("INVALID", "Compare-at price must be above the price", {
        "data.compareAtPrice": ["Compare-at price must be above the price"],
      });
    }
    try {
      await trx
        .updateTable("variants")
        .set({
          ...(data.sku !== undefined && { sku: data.sku }),
          ...(data.title !== undefined && { title: data.title }),
          ...(data.options !== undefined && { options: JSON.stringify(data.options) }),
          price,
          compare_at_price: compareAt,
        })
        .where("id", "=", variant.id)
        .execute();
    } catch (error) {
      if (isUniqueViolation(error, "variants_sku_per_product")) throw skuTaken("data.sku");
      throw error;
    }
    await refreshProductAggregates(trx, [variant.product_id]);
    return loadSellerProduct(trx, { storeId: store.id, productId: variant.product_id });
  });
}

/** Archives a variant (order history may point at it); an active product keeps at least one live variant. */
export async function archiveVariant(db: Db, actor: Actor, params: { id: string }): Promise<SellerProduct> {
  const store = await requireSellerStore(db, actor.userId);
  return inTransaction(db, async (trx) => {
    const found = await findOwnVariant(trx, store.id, params.id);
    const product = await lockProductOf(trx, store.id, found.product_id);
    const live = await trx
      .selectFrom("variants")
      .select("id")
      .where("product_id", "=", product.id)
      .where("archived_at", "is", null)
      .execute();
    if (product.status === "active" && live.length === 1 && live[0]?.id === found.id) {
      throw new DomainError("CONFLICT", "An active product needs a variant; archive the product instead");
    }
    await trx
      .updateTable("variants")
      .set({ archived_at: new Date() })
      .where("id", "=", found.id)
      .where("archived_at", "is", null)
      .execute();
    await refreshProductAggregates(trx, [product.id]);
    return loadSellerProduct(trx, { storeId: store.id, productId: product.id });
  });
}

/**
 * Sets many variants' prices in one transaction: every row applies or none does, and problems
 * come back per row (`rows.3.price`). Products are locked in id order, then variants in id
 * order, so concurrent bulk calls over the same rows queue instead of deadlocking.
 */
export async function bulkUpdatePrices(
  db: Db,
  actor: Actor,
  input: BulkUpdatePricesInput,
): Promise<{ updated: number }> {
  const store = await requireSellerStore(db, actor.userId);
  return inTransaction(db, async (trx) => {
    const errors: Record<string, string[]> = {};
    const ids = [...new Set(input.rows.map((row) => row.variantId))];
    const found = await trx
      .selectFrom("variants")
      .innerJoin("products", "products.id", "variants.product_id")
      .select(["variants.id", "variants.product_id"])
      .where("variants.id", "in", ids)
      .where("products.store_id", "=", store.id)
      .execute();
    const productOf = new Map(found.map((row) => [row.id, row.product_id]));
    const seen = new Set<string>();
    input.rows.forEach((row, index) => {
      if (!productOf.has(row.variantId)) errors[`rows.${index}.variantId`] = ["Variant not found"];
      else if (seen.has(row.variantId)) errors[`rows.${index}.variantId`] = ["This variant is listed twice"];
      seen.add(row.variantId);
    });
    throwIfAny(errors);
    const productIds = [...new Set(productOf.values())].sort();
    await trx
      .selectFrom("products")
      .select("id")
      .where("id", "in", productIds)
      .orderBy("id")
      .forNoKeyUpdate()
      .execute();
    const variants = await trx
      .selectFrom("variants")
      .select(["id", "compare_at_price"])
      .where("id", "in", ids)
      .orderBy("id")
      .forNoKeyUpdate()
      .execute();
    const compareAtOf = new Map(variants.map((variant) => [variant.id, variant.compare_at_price]));
    const order = input.rows
      .map((row, index) => ({ row, index }))
      .sort((a, b) => (a.row.variantId < b.row.variantId ? -1 : 1));
    for (const { row, index } of order) {
      const compareAt =
        row.compareAtPrice !== undefined ? row.compareAtPrice : (compareAtOf.get(row.variantId) ?? null);
      if (compareAt !== null && compareAt <= row.price) {
        errors[`rows.${index}.compareAtPrice`] = ["Compare-at price must be above the price"];
        continue;
      }
      await trx
        .updateTable("variants")
        .set({ price: row.price, compare_at_price: compareAt })
        .where("id", "=", row.variantId)
        .execute();
    }
    throwIfAny(errors);
    await refreshProductAggregates(trx, productIds);
    return { updated: input.rows.length };
  });
}

function throwIfAny(errors: Record<string, string[]>) {
  const first = Object.values(errors)[0]?.[0];
  if (first) throw new DomainError("INVALID", first, errors);
}
