import { sql } from "kysely";
import type { Db } from "../shared/db.ts";

/**
 * The commission rate (basis points) for each store's order, decided when the order is placed and
 * frozen on it. Rules, in order: a rate set for the store; else the rates of the lines'
 * categories (each line takes the rate of its nearest category, or ancestor, that has one, else
 * the platform default), averaged over the lines' goods and rounded down to a whole basis point.
 */
export async function commissionRatesFor(
  db: Db,
  params: {
    lines: readonly { storeId: string; categoryId: string; amount: number }[];
    defaultBps: number;
  },
): Promise<Map<string, number>> {
  const storeIds = [...new Set(params.lines.map((line) => line.storeId))];
  const categoryIds = [...new Set(params.lines.map((line) => line.categoryId))];
  if (storeIds.length === 0) return new Map();
  // One round trip: the stores' own rates, and for each category the rate of its deepest
  // ancestor-or-self that has one.
  const rates = await sql<{ scope: "store" | "category"; id: string; rate_bps: number }>`
    select 'store' as scope, target_id as id, rate_bps from commission_rates
    where scope = 'store' and target_id in (${sql.join(storeIds)})
    union all
    select * from (
      select distinct on (c.id) 'category' as scope, c.id, r.rate_bps
      from categories c
      join categories a on c.path <@ a.path
      join commission_rates r on r.scope = 'category' and r.target_id = a.id
      where c.id in (${sql.join(categoryIds)})
      order by c.id, nlevel(a.path) desc) by_category`.execute(db);
  const byStore = new Map(rates.rows.filter((row) => row.scope === "store").map((row) => [row.id, row.rate_bps]));
  const byCategory = new Map(rates.rows.filter((row) => row.scope === "category").map((row) => [row.id, row.rate_bps]));
  const result = new Map<string, number>();
  for (const storeId of storeIds) {
    const fixed = byStore.get(storeId);
    if (fixed !== undefined) {
      result.set(storeId, fixed);
      continue;
    }
    const lines = params.lines.filter((line) => line.storeId === storeId);
    const goods = lines.reduce((sum, line) => sum + line.amount, 0);
    const weighted = lines.reduce(
      (sum, line) => sum + BigInt(line.amount) * BigInt(byCategory.get(line.categoryId) ?? params.defaultBps),
      0n,
    );
    result.set(storeId, goods > 0 ? Number(weighted / BigInt(goods)) : params.defaultBps);
  }
  return result;
}

/** The commission on an order: its rate applied to its goods after the store's own discount, rounded down. */
export function commissionOn(order: { subtotal: number; storeDiscount: number; commissionBps: number }): number {
  const base = Math.max(0, order.subtotal - order.storeDiscount);
  return Number((BigInt(base) * BigInt(order.commissionBps)) / 10_000n);
}
