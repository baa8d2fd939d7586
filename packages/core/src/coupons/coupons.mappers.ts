import type { Coupon, CouponDiscount } from "@niaga/contracts";
import type { CouponTable } from "@niaga/db";
import type { Selectable } from "kysely";
import type { CouponForEvaluation } from "./coupons.types.ts";

export type CouponRow = Selectable<CouponTable>;

function discountOf(row: CouponRow): CouponDiscount {
  return row.kind === "percentage"
    ? { kind: "percentage", percentBps: row.percent_bps ?? 0 }
    : { kind: "fixed", amount: row.amount_off ?? 0 };
}

/** The coupon as its owner (admin or seller) sees it. */
export function toCoupon(row: CouponRow): Coupon {
  return {
    id: row.id,
    scope: row.scope,
    storeId: row.store_id,
    name: row.name,
    discount: discountOf(row),
    minSpend: row.min_spend,
    maxDiscount: row.max_discount,
    usageLimit: row.usage_limit,
    perCustomerLimit: row.per_customer_limit,
    usedCount: row.used_count,
    categoryIds: row.category_ids,
    productIds: row.product_ids,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    combinable: row.combinable,
    active: row.active,
    codeCount: row.code_count,
    createdAt: row.created_at,
    deactivatedAt: row.deactivated_at,
  };
}

/** The rules evaluation reads, with the code the customer typed for this coupon. */
export function toEvaluation(row: CouponRow, code: { id: string; code: string }): CouponForEvaluation {
  return {
    id: row.id,
    codeId: code.id,
    code: code.code,
    scope: row.scope,
    storeId: row.store_id,
    kind: row.kind,
    percentBps: row.percent_bps,
    amountOff: row.amount_off,
    minSpend: row.min_spend,
    maxDiscount: row.max_discount,
    usageLimit: row.usage_limit,
    perCustomerLimit: row.per_customer_limit,
    usedCount: row.used_count,
    categoryIds: row.category_ids,
    productIds: row.product_ids,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    combinable: row.combinable,
    active: row.active,
  };
}
