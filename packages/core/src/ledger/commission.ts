import type { RawBuilder } from "kysely";
import { sql } from "kysely";

/** One line as the commission rule sees it: its goods and the two rates that may apply to it. */
export interface CommissionLine {
  storeId: string;
  amount: number;
  /** The rate set for the line's store, if any (see storeCommissionRate). */
  storeRateBps: number | null;
  /** The rate of the line's nearest category, or ancestor, that has one (see categoryCommissionRate). */
  categoryRateBps: number | null;
}

/** The rate set for this store, or null: a scalar subquery for a query that reads lines. */
export function storeCommissionRate(storeId: RawBuilder<unknown>): RawBuilder<number | null> {
  return sql<
    number | null
  >`(select r.rate_bps from commission_rates r where r.scope = 'store' and r.target_id = ${storeId})`;
}

/** The rate of the deepest ancestor-or-self of this category that has one, or null. */
export function categoryCommissionRate(categoryId: RawBuilder<unknown>): RawBuilder<number | null> {
  return sql<number | null>`(
    select r.rate_bps from categories a
    join commission_rates r on r.scope = 'category' and r.target_id = a.id
    where a.path @> (select c.path from categories c where c.id = ${categoryId})
    order by nlevel(a.path) desc limit 1)`;
}

/**
 * The commission rate (basis points) for each store's order, decided when the order is placed and
 * frozen on it. Rules, in order: a rate set for the store; else the rates of the lines'
 * categories (each line takes the rate of its nearest category, or ancestor, that has one, else
 * the platform default), averaged over the lines' goods and rounded down to a whole basis point.
 * The rates come with the lines (the checkout reads them with the cart), so this is arithmetic.
 */
export function commissionRatesOf(lines: readonly CommissionLine[], defaultBps: number): Map<string, number> {
  const result = new Map<string, number>();
  for (const storeId of new Set(lines.map((line) => line.storeId))) {
    const own = lines.filter((line) => line.storeId === storeId);
    const fixed = own[0]?.storeRateBps ?? null;
    if (fixed !== null) {
      result.set(storeId, fixed);
      continue;
    }
    const goods = own.reduce((sum, line) => sum + line.amount, 0);
    const weighted = own.reduce(
      (sum, line) => sum + BigInt(line.amount) * BigInt(line.categoryRateBps ?? defaultBps),
      0n,
    );
    result.set(storeId, goods > 0 ? Number(weighted / BigInt(goods)) : defaultBps);
  }
  return result;
}

/** The commission on an order: its rate applied to its goods after the store's own discount, rounded down. */
export function commissionOn(order: { subtotal: number; storeDiscount: number; commissionBps: number }): number {
  const base = Math.max(0, order.subtotal - order.storeDiscount);
  return Number((BigInt(base) * BigInt(order.commissionBps)) / 10_000n);
}
