import { sql } from "kysely";
import type { Db } from "../shared/db.ts";

/** What makes a product count as listed: active and not hidden by a manager. */
export function isVisible(product: { status: string; hidden_at: Date | null }): boolean {
  return product.status === "active" && product.hidden_at === null;
}

/**
 * Recomputes min/max price over live variants and in_stock (any live variant with available
 * stock anywhere). Locks the products first, in id order: the recomputing statement then reads
 * a snapshot taken after every earlier holder of the lock committed, so concurrent stock and
 * price changes cannot leave a stale value behind.
 */
export async function refreshProductAggregates(db: Db, productIds: readonly string[]): Promise<void> {
  const ids = [...new Set(productIds)].sort();
  if (ids.length === 0) return;
  await db.selectFrom("products").select("id").where("id", "in", ids).orderBy("id").forNoKeyUpdate().execute();
  await sql`
    update products p set
      min_price = coalesce((select min(v.price) from variants v where v.product_id = p.id and v.archived_at is null), 0),
      max_price = coalesce((select max(v.price) from variants v where v.product_id = p.id and v.archived_at is null), 0),
      in_stock = exists (
        select 1 from variants v join inventory_levels l on l.variant_id = v.id
        where v.product_id = p.id and v.archived_at is null and l.on_hand - l.reserved > 0),
      updated_at = now()
    where p.id in (${sql.join(ids)})`.execute(db);
}

/**
 * Moves the store's product_count by the product's change of visibility. The caller holds the
 * product's row lock, so `before` is the true previous state and the delta is exact.
 */
export async function applyVisibilityChange(
  db: Db,
  params: {
    storeId: string;
    before: { status: string; hidden_at: Date | null } | null;
    after: { status: string; hidden_at: Date | null } | null;
  },
): Promise<void> {
  const delta =
    Number(params.after ? isVisible(params.after) : false) - Number(params.before ? isVisible(params.before) : false);
  if (delta === 0) return;
  await db
    .updateTable("stores")
    .set((eb) => ({ product_count: eb("product_count", "+", delta) }))
    .where("id", "=", params.storeId)
    .execute();
}
