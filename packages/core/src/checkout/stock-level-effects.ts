import { refreshProductAggregates } from "../catalog/product-aggregates.ts";
import type { DomainEvent } from "../events/domain-events.ts";
import { emitDomainEvents } from "../events/domain-events.ts";
import type { Db } from "../shared/db.ts";
import type { VariantProduct } from "./stock-holds.ts";

// What a change of stock levels sets off besides the levels themselves: stock.changed for live
// stock, low-stock records and events, and product aggregates when availability crosses zero.

/** A stock level as locked before the change. */
export interface LockedLevel {
  variant_id: string;
  location_id: string;
  on_hand: number;
  reserved: number;
  is_default: boolean;
}

/** The summed change to one level. */
export interface LevelChange {
  variant_id: string;
  location_id: string;
  reservedDelta: number;
  onHandDelta: number;
}

/**
 * One stock.changed per product whose available units moved, to write with the level update, so
 * a product's live stock follows sales, expiries and cancellations. A payment's commit takes the
 * units off on-hand and reserved alike: availability does not move, and no event is sent.
 */
export async function stockChangedEvents(
  trx: Db,
  rows: readonly LevelChange[],
  known: ReadonlyMap<string, VariantProduct> | undefined,
  productOf: ReadonlyMap<string, string> | undefined,
) {
  const moved = [...new Set(rows.filter((row) => row.onHandDelta !== row.reservedDelta).map((row) => row.variant_id))];
  if (moved.length === 0) return [];
  const products = new Map<string, string>();
  for (const variantId of moved) {
    const productId = known?.get(variantId)?.productId ?? productOf?.get(variantId);
    if (productId) products.set(variantId, productId);
  }
  const missing = moved.filter((variantId) => !products.has(variantId));
  if (missing.length > 0) {
    const found = await trx.selectFrom("variants").select(["id", "product_id"]).where("id", "in", missing).execute();
    for (const row of found) products.set(row.id, row.product_id);
  }
  const variantsByProduct = new Map<string, string[]>();
  for (const variantId of moved) {
    const productId = products.get(variantId);
    if (productId) variantsByProduct.set(productId, [...(variantsByProduct.get(productId) ?? []), variantId]);
  }
  return [...variantsByProduct].map(
    ([productId, variantIds]): DomainEvent => ({
      type: "stock.changed",
      aggregate: { type: "product", id: productId },
      payload: { productId, variantIds },
    }),
  );
}

/** Refreshes the products whose availability crossed zero (the only change list pages care about). */
export async function refreshCrossedProducts(
  trx: Db,
  rows: readonly LevelChange[],
  levels: readonly LockedLevel[],
  known: ReadonlyMap<string, VariantProduct> | undefined,
) {
  const availableBefore = new Map<string, number>();
  const availableAfter = new Map<string, number>();
  const changed = new Map(rows.map((row) => [`${row.variant_id}|${row.location_id}`, row]));
  for (const level of levels) {
    const row = changed.get(`${level.variant_id}|${level.location_id}`);
    const free = level.on_hand - level.reserved;
    const after = free + (row ? row.onHandDelta - row.reservedDelta : 0);
    availableBefore.set(level.variant_id, (availableBefore.get(level.variant_id) ?? 0) + Math.max(0, free));
    availableAfter.set(level.variant_id, (availableAfter.get(level.variant_id) ?? 0) + Math.max(0, after));
  }
  await recordLowStock(trx, availableBefore, availableAfter, known);
  const crossed = [...availableBefore.keys()].filter(
    (variantId) => (availableBefore.get(variantId) ?? 0) > 0 !== (availableAfter.get(variantId) ?? 0) > 0,
  );
  if (crossed.length === 0) return;
  const cached = knownProducts(known, crossed);
  const productIds = cached
    ? [...new Set(cached.map((product) => product.productId))]
    : (await trx.selectFrom("variants").select("product_id").where("id", "in", crossed).execute()).map(
        (product) => product.product_id,
      );
  await refreshProductAggregates(trx, productIds);
}

/** The caller's product facts for these variants, in their order, or null unless it has them all. */
function knownProducts(
  known: ReadonlyMap<string, VariantProduct> | undefined,
  variantIds: readonly string[],
): VariantProduct[] | null {
  if (!known) return null;
  const products: VariantProduct[] = [];
  for (const variantId of variantIds) {
    const product = known.get(variantId);
    if (!product) return null;
    products.push(product);
  }
  return products;
}

/**
 * A reservation that takes a variant's availability from above its product's low-stock
 * threshold to at or below it records a low_stock_events row and a stock.low event, as a manual
 * stock change does (inventory/stock-changes.ts). Only variants whose availability fell are read.
 */
async function recordLowStock(
  trx: Db,
  before: Map<string, number>,
  after: Map<string, number>,
  known: ReadonlyMap<string, VariantProduct> | undefined,
) {
  const fell = [...before.keys()].filter((variantId) => (after.get(variantId) ?? 0) < (before.get(variantId) ?? 0));
  if (fell.length === 0) return;
  const cached = knownProducts(known, fell);
  const rows = cached
    ? cached.map((product, index) => ({
        id: fell[index] as string,
        product_id: product.productId,
        store_id: product.storeId,
        low_stock_threshold: product.lowStockThreshold,
      }))
    : await trx
        .selectFrom("variants")
        .innerJoin("products", "products.id", "variants.product_id")
        .select(["variants.id", "products.id as product_id", "products.store_id", "products.low_stock_threshold"])
        .where("variants.id", "in", fell)
        .execute();
  const low = rows.flatMap((row) => {
    const was = before.get(row.id) ?? 0;
    const now = after.get(row.id) ?? 0;
    if (!(was > row.low_stock_threshold && now <= row.low_stock_threshold)) return [];
    return [{ ...row, available: now }];
  });
  if (low.length === 0) return;
  await trx
    .insertInto("low_stock_events")
    .values(
      low.map((row) => ({
        store_id: row.store_id,
        product_id: row.product_id,
        variant_id: row.id,
        available: row.available,
        threshold: row.low_stock_threshold,
      })),
    )
    .execute();
  await emitDomainEvents(
    trx,
    low.map((row) => ({
      type: "stock.low" as const,
      aggregate: { type: "product", id: row.product_id },
      payload: {
        storeId: row.store_id,
        productId: row.product_id,
        variantId: row.id,
        available: row.available,
        threshold: row.low_stock_threshold,
      },
    })),
  );
}
