import type { CartView } from "@niaga/contracts";
import type { CartLineRow } from "./cart.queries.ts";

/** Builds the shopper's view: per-line flags, per-store groups (checkout splits by store) and totals. */
export function toCartView(rows: readonly CartLineRow[]): CartView {
  const lines = rows.map((row) => ({
    variantId: row.variantId,
    productId: row.productId,
    productTitle: row.productTitle,
    productSlug: row.productSlug,
    variantTitle: row.variantTitle,
    sku: row.sku,
    imageUrl: row.imageUrl,
    storeId: row.storeId,
    storeName: row.storeName,
    quantity: row.quantity,
    unitPrice: row.unitPrice,
    seenUnitPrice: row.seenUnitPrice,
    lineTotal: row.unitPrice * row.quantity,
    available: row.available,
    priceChanged: row.unitPrice !== row.seenUnitPrice,
    stockShort: row.available < row.quantity,
    purchasable: row.purchasable,
  }));
  const stores = new Map<string, CartView["stores"][number]>();
  for (const row of rows) {
    const group = stores.get(row.storeId) ?? {
      storeId: row.storeId,
      storeName: row.storeName,
      storeSlug: row.storeSlug,
      subtotal: 0,
      weightGrams: 0,
      itemCount: 0,
    };
    group.subtotal += row.unitPrice * row.quantity;
    group.weightGrams += row.weightGrams * row.quantity;
    group.itemCount += row.quantity;
    stores.set(row.storeId, group);
  }
  return {
    lines,
    stores: [...stores.values()],
    subtotal: lines.reduce((sum, line) => sum + line.lineTotal, 0),
    itemCount: lines.reduce((sum, line) => sum + line.quantity, 0),
    hasIssues: lines.some((line) => line.priceChanged || line.stockShort || !line.purchasable),
  };
}
