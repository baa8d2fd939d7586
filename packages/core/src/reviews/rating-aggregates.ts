import { sql } from "kysely";
import type { Db } from "../shared/db.ts";

/**
 * A review's contribution to its product's and store's rating aggregates: its rating while it
 * counts (posted and not hidden), null while it does not.
 */
export interface RatingChange {
  productId: string;
  storeId: string;
  from: number | null;
  to: number | null;
}

/**
 * Moves the aggregates by the difference between `from` and `to`, with relative updates
 * (`count = count + delta`) so concurrent reviews never overwrite each other: PostgreSQL
 * re-evaluates each expression on the newest row version once the row lock is granted. The
 * histogram is rebuilt element-wise from the same deltas in one assignment, so an edit from 2
 * to 5 stars moves exactly one count between buckets. Products before stores: the catalog's
 * lock order.
 */
export async function applyRatingChange(db: Db, change: RatingChange): Promise<void> {
  if (change.from === change.to) return;
  const deltas = [0, 0, 0, 0, 0];
  if (change.from !== null) deltas[change.from - 1] = -1;
  if (change.to !== null) deltas[change.to - 1] = (deltas[change.to - 1] ?? 0) + 1;
  const countDelta = deltas.reduce((total, delta) => total + delta, 0);
  const sumDelta = deltas.reduce((total, delta, index) => total + delta * (index + 1), 0);
  const buckets = deltas.map((delta, index) => sql`rating_histogram[${sql.lit(index + 1)}] + ${sql.lit(delta)}`);
  const set = {
    rating_count: sql<number>`rating_count + ${sql.lit(countDelta)}`,
    rating_sum: sql<number>`rating_sum + ${sql.lit(sumDelta)}`,
    rating_histogram: sql<number[]>`array[${sql.join(buckets)}]::integer[]`,
  };
  await db.updateTable("products").set(set).where("id", "=", change.productId).execute();
  await db.updateTable("stores").set(set).where("id", "=", change.storeId).execute();
}

/** Rebuilds the aggregates from the visible reviews (repair tooling and tests check the two agree). */
export async function recomputeRatings(
  db: Db,
  params: { productId?: string; storeId?: string },
): Promise<{ count: number; sum: number; histogram: number[] }> {
  let query = db
    .selectFrom("reviews")
    .select(["rating", (eb) => eb.fn.countAll<string>().as("n")])
    .where("hidden_at", "is", null)
    .groupBy("rating");
  if (params.productId) query = query.where("product_id", "=", params.productId);
  if (params.storeId) query = query.where("store_id", "=", params.storeId);
  const rows = await query.execute();
  const histogram = [0, 0, 0, 0, 0];
  for (const row of rows) histogram[row.rating - 1] = Number(row.n);
  return {
    count: histogram.reduce((total, n) => total + n, 0),
    sum: histogram.reduce((total, n, index) => total + n * (index + 1), 0),
    histogram,
  };
}
