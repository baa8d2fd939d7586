import { allocateLargestRemainder } from "../shared/money.ts";
import type { CouponAllocation } from "./coupons.types.ts";

/**
 * Splits a coupon's discount across stores in proportion to their eligible subtotals, with the
 * marketplace's one rounding rule (largest remainder, see shared/money.ts), so the parts add up
 * to the discount exactly. Stores with nothing eligible get nothing and are left out.
 */
export function allocateAcrossStores(
  total: number,
  weights: readonly { storeId: string; weight: number }[],
): CouponAllocation[] {
  const parts = allocateLargestRemainder(
    total,
    weights.map((entry) => ({ key: entry.storeId, weight: entry.weight })),
  );
  return weights
    .filter((entry) => parts.has(entry.storeId))
    .map((entry) => ({ storeId: entry.storeId, amount: parts.get(entry.storeId) ?? 0 }));
}
