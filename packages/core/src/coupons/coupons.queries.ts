import { sql } from "kysely";
import type { Db } from "../shared/db.ts";
import type { CouponRow } from "./coupons.mappers.ts";

/** Codes (already uppercase) with their coupon ids; unknown codes are simply absent. */
export function findCodes(db: Db, codes: readonly string[]) {
  if (codes.length === 0) return Promise.resolve([]);
  return db.selectFrom("coupon_codes").select(["id", "code", "coupon_id"]).where("code", "in", codes).execute();
}

/**
 * Coupon rows by id. With `lock`, rows are locked FOR UPDATE in id order: every checkout locks
 * coupons in the same order (no deadlocks), and under READ COMMITTED the row read after the
 * lock is granted is the latest committed one, so `used_count` is current.
 */
export function findCouponsById(
  db: Db,
  ids: readonly string[],
  options: { lock?: boolean } = {},
): Promise<CouponRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  const query = db.selectFrom("coupons").selectAll().where("id", "in", ids).orderBy("id");
  return options.lock ? query.forUpdate().execute() : query.execute();
}

/** Live (reserved or confirmed) redemptions of each coupon by this customer. */
export async function countCustomerUses(
  db: Db,
  params: { customerId: string; couponIds: readonly string[] },
): Promise<Map<string, number>> {
  if (params.couponIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("coupon_redemptions")
    .select(["coupon_id", (eb) => eb.fn.countAll<string>().as("uses")])
    .where("coupon_id", "in", params.couponIds)
    .where("customer_id", "=", params.customerId)
    .where("status", "<>", "released")
    .groupBy("coupon_id")
    .execute();
  return new Map(rows.map((row) => [row.coupon_id, Number(row.uses)]));
}

/** ltree paths of these categories, for "category includes its subcategories" matching. */
export async function findCategoryPaths(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("categories")
    .select(["id", sql<string>`path::text`.as("path")])
    .where("id", "in", [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row.path]));
}

/** Inserts codes, skipping any already taken; returns the codes that were inserted. */
export async function insertCodes(
  db: Db,
  rows: readonly { id: string; coupon_id: string; code: string }[],
): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insertInto("coupon_codes")
    .values([...rows])
    .onConflict((oc) => oc.column("code").doNothing())
    .returning("code")
    .execute();
  return inserted.map((row) => row.code);
}

/** A page of a coupon's codes in alphabetical order, after `after` when given. */
export function findCodesPage(db: Db, params: { couponId: string; after: string | null; limit: number }) {
  let query = db
    .selectFrom("coupon_codes")
    .select("code")
    .where("coupon_id", "=", params.couponId)
    .orderBy("code")
    .limit(params.limit + 1);
  if (params.after) query = query.where("code", ">", params.after);
  return query.execute();
}

/** Per-day figures of live redemptions, days taken in `timeZone`; `from`/`to` are inclusive days. */
export function findReportDays(
  db: Db,
  params: { couponId: string; timeZone: string; from?: string | undefined; to?: string | undefined },
) {
  const day = sql<string>`to_char(created_at at time zone ${params.timeZone}, 'YYYY-MM-DD')`;
  let query = db
    .selectFrom("coupon_redemptions")
    .select([
      day.as("date"),
      (eb) => eb.fn.countAll<string>().as("redemptions"),
      sql<string>`coalesce(sum(discount), 0)`.as("discount"),
      sql<string>`coalesce(sum(eligible_subtotal), 0)`.as("revenue"),
    ])
    .where("coupon_id", "=", params.couponId)
    .where("status", "in", ["reserved", "confirmed"])
    .groupBy(sql`1`)
    .orderBy(sql`1`);
  if (params.from) query = query.where(day, ">=", params.from);
  if (params.to) query = query.where(day, "<=", params.to);
  return query.execute();
}
