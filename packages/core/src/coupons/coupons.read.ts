import type {
  AdminListCouponsInput,
  Coupon,
  CouponDetail,
  CouponReport,
  CouponReportInput,
  GetCouponInput,
  ListCouponsInput,
} from "@niaga/contracts";
import type { Db } from "../shared/db.ts";
import { DomainError } from "../shared/errors.ts";
import { decodeExactCursor, exactTimestamp, olderThan, pageOf } from "../shared/exact-cursor.ts";
import { requireSellerStore } from "../stores/stores.service.ts";
import type { Actor } from "../users/users.service.ts";
import { requireCouponFor } from "./coupons.access.ts";
import { normalizeCode } from "./coupons.codes.ts";
import { toCoupon } from "./coupons.mappers.ts";
import { findCodesPage, findReportDays } from "./coupons.queries.ts";

type Page<T> = { items: T[]; nextCursor: string | null };

async function findCouponsPage(
  db: Db,
  filter: AdminListCouponsInput & { storeId?: string | undefined },
): Promise<Page<Coupon>> {
  let query = db
    .selectFrom("coupons as c")
    .selectAll("c")
    .select(exactTimestamp("c.created_at").as("cursor_at"))
    .orderBy("c.created_at", "desc")
    .orderBy("c.id", "desc")
    .limit(filter.limit + 1);
  if (filter.scope) query = query.where("c.scope", "=", filter.scope);
  if (filter.storeId) query = query.where("c.store_id", "=", filter.storeId);
  if (filter.active !== undefined) query = query.where("c.active", "=", filter.active);
  if (filter.code) {
    const code = normalizeCode(filter.code);
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("coupon_codes as k")
          .select("k.id")
          .whereRef("k.coupon_id", "=", "c.id")
          .where("k.code", "=", code),
      ),
    );
  }
  if (filter.cursor) query = query.where(olderThan("c.created_at", "c.id", decodeExactCursor(filter.cursor)));
  const { rows, nextCursor } = pageOf(await query.execute(), filter.limit);
  return { items: rows.map(toCoupon), nextCursor };
}

/** The seller's store's coupons, newest first. */
export async function listStoreCoupons(db: Db, actor: Actor, input: ListCouponsInput): Promise<Page<Coupon>> {
  const store = await requireSellerStore(db, actor.userId);
  return findCouponsPage(db, { ...input, scope: "store", storeId: store.id });
}

/** Every coupon (platform and stores'), newest first, for admins. */
export function listAllCoupons(db: Db, input: AdminListCouponsInput): Promise<Page<Coupon>> {
  return findCouponsPage(db, input);
}

/** One coupon the actor may manage, with a page of its codes in alphabetical order. */
export async function getCoupon(db: Db, actor: Actor, input: GetCouponInput): Promise<CouponDetail> {
  const row = await requireCouponFor(db, actor, input.id);
  const after = input.codesCursor ? Buffer.from(input.codesCursor, "base64url").toString("utf8") : null;
  if (after !== null && !/^[A-Z0-9_-]{1,40}$/.test(after)) {
    throw new DomainError("INVALID", "The cursor is not valid", { codesCursor: ["Invalid cursor"] });
  }
  const codes = await findCodesPage(db, { couponId: row.id, after, limit: input.codesLimit });
  const page = codes.slice(0, input.codesLimit).map((code) => code.code);
  const last = page.at(-1);
  return {
    coupon: toCoupon(row),
    codes: {
      items: page,
      nextCursor: codes.length > input.codesLimit && last ? Buffer.from(last).toString("base64url") : null,
    },
  };
}

/**
 * Redemptions, discount given and revenue (the eligible subtotal recorded at redemption) per
 * calendar day in the marketplace time zone, counting reserved and confirmed redemptions only.
 */
export async function couponReport(
  db: Db,
  actor: Actor,
  params: CouponReportInput & { timeZone: string },
): Promise<CouponReport> {
  const row = await requireCouponFor(db, actor, params.id);
  if (params.from && params.to && params.from > params.to) {
    throw new DomainError("INVALID", "The report ends before it starts", { to: ["Must not be before from"] });
  }
  const rows = await findReportDays(db, {
    couponId: row.id,
    timeZone: params.timeZone,
    from: params.from,
    to: params.to,
  });
  const days = rows.map((day) => ({
    date: day.date,
    redemptions: Number(day.redemptions),
    discount: Number(day.discount),
    revenue: Number(day.revenue),
  }));
  const totals = days.reduce(
    (sum, day) => ({
      redemptions: sum.redemptions + day.redemptions,
      discount: sum.discount + day.discount,
      revenue: sum.revenue + day.revenue,
    }),
    { redemptions: 0, discount: 0, revenue: 0 },
  );
  return { couponId: row.id, timeZone: params.timeZone, totals, days };
}
