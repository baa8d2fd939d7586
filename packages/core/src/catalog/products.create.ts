import type { CreateProductInput, SellerProduct, VariantInput } from "@niaga/contracts";
import type { Database } from "@niaga/db";
import type { Insertable } from "kysely";
import { emitDomainEvents } from "../events/domain-events.ts";
import type { StockChange } from "../inventory/stock-changes.ts";
import { applyStockChanges } from "../inventory/stock-changes.ts";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { DomainError } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { requireSellerStore } from "../stores/stores.service.ts";
import type { Actor } from "../users/users.service.ts";
import { applyVisibilityChange, refreshProductAggregates } from "./product-aggregates.ts";
import { categoryExists } from "./products.queries.ts";
import { loadSellerProduct } from "./products.read.ts";
import { slugify } from "./slug.ts";

const slugTaken = () =>
  new DomainError("CONFLICT", "That product slug is taken", { slug: ["This slug is already in use"] });

/** Inserts the product under `slug`, or under the title's slug with a random suffix when it is taken. */
async function insertWithUniqueSlug(
  trx: Db,
  values: Insertable<Database["products"]>,
  explicitSlug: boolean,
): Promise<void> {
  for (let attempt = 0; attempt < 6; attempt++) {
    const slug = attempt === 0 ? values.slug : `${values.slug.slice(0, 72)}-${newId(6)}`;
    // `on conflict do nothing` keeps the transaction usable when the slug is taken.
    const inserted = await trx
      .insertInto("products")
      .values({ ...values, slug })
      .onConflict((oc) => oc.column("slug").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (inserted) return;
    if (explicitSlug) throw slugTaken();
  }
  throw slugTaken();
}

/** Duplicate SKUs inside one request are field errors, before the unique index says so less kindly. */
export function duplicateSkuErrors(variants: readonly Pick<VariantInput, "sku">[], prefix = "variants") {
  const seen = new Set<string>();
  const errors: Record<string, string[]> = {};
  variants.forEach((variant, index) => {
    if (seen.has(variant.sku)) errors[`${prefix}.${index}.sku`] = ["This SKU is used twice"];
    seen.add(variant.sku);
  });
  return errors;
}

/** Inserts variants and their initial stock (through the inventory service, journalled as "initial"). */
export async function insertVariants(
  trx: Db,
  params: {
    productId: string;
    storeId: string;
    defaultLocationId: string | null;
    variants: readonly VariantInput[];
    firstPosition: number;
    actorId: string;
    fieldPrefix: (index: number) => string;
  },
): Promise<string[]> {
  const ids: string[] = [];
  const changes: StockChange[] = [];
  const rowOf: { variant: number; stock: number }[] = [];
  for (const [index, variant] of params.variants.entries()) {
    const id = newId();
    ids.push(id);
    await trx
      .insertInto("variants")
      .values({
        id,
        product_id: params.productId,
        sku: variant.sku,
        title: variant.title,
        options: JSON.stringify(variant.options),
        price: variant.price,
        compare_at_price: variant.compareAtPrice,
        position: params.firstPosition + index,
      })
      .execute();
    for (const [stockIndex, stock] of variant.stock.entries()) {
      const locationId = stock.locationId ?? params.defaultLocationId;
      if (!locationId) {
        throw new DomainError("INVALID", "The store has no default stock location", {
          [`${params.fieldPrefix(index)}.stock.${stockIndex}.locationId`]: ["Choose a location"],
        });
      }
      changes.push({ variantId: id, locationId, change: { setOnHand: stock.onHand }, reason: "initial" });
      rowOf.push({ variant: index, stock: stockIndex });
    }
  }
  if (changes.length > 0) {
    await applyStockChanges(trx, {
      changes,
      actorId: params.actorId,
      storeId: params.storeId,
      fieldOf: (row, field) => {
        const at = rowOf[row] ?? { variant: 0, stock: 0 };
        const name = field === "quantity" ? "onHand" : field;
        return `${params.fieldPrefix(at.variant)}.stock.${at.stock}.${name}`;
      },
    });
  }
  return ids;
}

/**
 * Creates a product with its variants and initial stock in one transaction; the slug comes from
 * the title when none is given. Denormalised columns (prices, in_stock, the store's product
 * count) are set before it commits.
 */
export async function createProduct(db: Db, actor: Actor, input: CreateProductInput): Promise<SellerProduct> {
  const store = await requireSellerStore(db, actor.userId);
  const skuErrors = duplicateSkuErrors(input.variants);
  if (Object.keys(skuErrors).length) throw new DomainError("INVALID", "SKUs must differ", skuErrors);
  return inTransaction(db, async (trx) => {
    if (!(await categoryExists(trx, input.categoryId))) {
      throw new DomainError("INVALID", "The category does not exist", { categoryId: ["Unknown category"] });
    }
    const defaultLocation = await trx
      .selectFrom("stock_locations")
      .select("id")
      .where("store_id", "=", store.id)
      .where("is_default", "=", true)
      .executeTakeFirst();
    const id = newId();
    const status = input.status;
    await insertWithUniqueSlug(
      trx,
      {
        id,
        store_id: store.id,
        category_id: input.categoryId,
        title: input.title,
        slug: input.slug ?? slugify(input.title),
        description: input.description,
        tags: input.tags,
        metadata: JSON.stringify(input.metadata),
        weight_grams: input.weightGrams,
        length_mm: input.dimensions.lengthMm,
        width_mm: input.dimensions.widthMm,
        height_mm: input.dimensions.heightMm,
        status,
        low_stock_threshold: input.lowStockThreshold,
        published_at: status === "active" ? new Date() : null,
        // Millisecond precision from JS, so (created_at, id) cursors round-trip exactly.
        created_at: new Date(),
      },
      input.slug !== undefined,
    );
    await insertVariants(trx, {
      productId: id,
      storeId: store.id,
      defaultLocationId: defaultLocation?.id ?? null,
      variants: input.variants,
      firstPosition: 0,
      actorId: actor.userId,
      fieldPrefix: (index) => `variants.${index}`,
    });
    await refreshProductAggregates(trx, [id]);
    await applyVisibilityChange(trx, { storeId: store.id, before: null, after: { status, hidden_at: null } });
    if (status === "active") {
      await emitDomainEvents(trx, [
        {
          type: "product.published",
          aggregate: { type: "product", id },
          payload: { productId: id, storeId: store.id },
        },
      ]);
    }
    return loadSellerProduct(trx, { storeId: store.id, productId: id });
  });
}
