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
  const storeRates = await db
    .selectFrom("commission_rates")
    .select(["target_id", "rate_bps"])
    .where("scope", "=", "store")
    .where("target_id", "in", storeIds)
    .execute();
  // For each category, the rate of the deepest ancestor-or-self that has one.
  const categoryRates = await sql<{ id: string; rate_bps: number }>`
    select distinct on (c.id) c.id, r.rate_bps
    from categories c
    join categories a on c.path <@ a.path
    join commission_rates r on r.scope = 'category' and r.target_id = a.id
    where c.id in (${sql.join(categoryIds)})
    order by c.id, nlevel(a.path) desc`.execute(db);
  const byStore = new Map(storeRates.map((row) => [row.target_id, row.rate_bps]));
  const byCategory = new Map(categoryRates.rows.map((row) => [row.id, row.rate_bps]));
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
