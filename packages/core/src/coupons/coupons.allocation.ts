import type { CouponAllocation } from "./coupons.types.ts";

/**
 * Splits `total` across stores in proportion to their weights with the largest-remainder rule:
 * each store first gets the floor of its exact share, then the units still missing go one each
 * to the stores with the largest fractional remainders (ties: lower storeId first, so the split
 * is deterministic). The parts always add up to `total` exactly. BigInt keeps `total * weight`
 * exact beyond 2^53. Stores with zero weight get nothing and are left out.
 */
export function allocateLargestRemainder(
  total: number,
  weights: readonly { storeId: string; weight: number }[],
): CouponAllocation[] {
  const positive = weights.filter((entry) => entry.weight > 0);
  const sum = positive.reduce((acc, entry) => acc + BigInt(entry.weight), 0n);
  if (total <= 0 || sum === 0n) return [];
  const big = BigInt(total);
  const parts = positive.map((entry) => {
    const exact = big * BigInt(entry.weight);
    return { storeId: entry.storeId, amount: exact / sum, remainder: exact % sum };
  });
  let missing = big - parts.reduce((acc, part) => acc + part.amount, 0n);
  const byRemainder = [...parts].sort((a, b) =>
    a.remainder === b.remainder ? a.storeId.localeCompare(b.storeId) : a.remainder > b.remainder ? -1 : 1,
  );
  for (const part of byRemainder) {
    if (missing === 0n) break;
    part.amount += 1n;
    missing -= 1n;
  }
  return parts.map((part) => ({ storeId: part.storeId, amount: Number(part.amount) }));
}
