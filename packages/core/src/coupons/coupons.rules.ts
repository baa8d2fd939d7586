import { DomainError } from "../shared/errors.ts";
import { allocateAcrossStores } from "./coupons.allocation.ts";
import type { CouponForEvaluation, CouponLine, EvaluatedCoupon } from "./coupons.types.ts";

/*
 * Discount rules (money in integer minor units throughout):
 * - A coupon's eligible lines are the lines in its scope: a store coupon's store, narrowed to its
 *   products when it lists some; a platform coupon's whole cart, narrowed to its categories (a
 *   category includes its subcategories) or products when it lists some (a line matching either
 *   list is in scope). The eligible subtotal is the sum of unitPrice × quantity over them.
 * - Minimum spend is checked against that eligible subtotal.
 * - Percentage: eligible subtotal × basis points / 10000, rounded down to a whole minor unit,
 *   then capped by the maximum discount and by the eligible subtotal.
 * - Fixed amount: the amount, capped by the maximum discount (if any) and the eligible subtotal.
 * - Store coupons apply first. A platform coupon then applies to what is left: in each store its
 *   base is the store's eligible subtotal less that store's coupon discount, so the discounts on
 *   a store never exceed what it sells. Its discount is allocated across stores in proportion
 *   to those bases by the largest-remainder rule, so the parts add up exactly; a store
 *   coupon's allocation is all to its store.
 * - Combination: at most one platform coupon, at most one coupon per store, and a coupon that
 *   is not combinable must be the only code.
 */

const lineTotal = (line: CouponLine) => line.unitPrice * line.quantity;

/** True when `path` is `ancestor` or lies below it (ltree paths are dot-joined labels). */
function isWithin(path: string | undefined, ancestor: string | undefined): boolean {
  if (!path || !ancestor) return false;
  return path === ancestor || path.startsWith(`${ancestor}.`);
}

function inScope(coupon: CouponForEvaluation, line: CouponLine, categoryPaths: ReadonlyMap<string, string>): boolean {
  if (coupon.scope === "store" && line.storeId !== coupon.storeId) return false;
  if (coupon.productIds.length === 0 && coupon.categoryIds.length === 0) return true;
  if (coupon.productIds.includes(line.productId)) return true;
  const linePath = categoryPaths.get(line.categoryId);
  return coupon.categoryIds.some((categoryId) => isWithin(linePath, categoryPaths.get(categoryId)));
}

/** The discount a coupon gives on `base` (see the rules above). */
export function discountOn(coupon: CouponForEvaluation, base: number): number {
  const raw =
    coupon.kind === "percentage"
      ? Number((BigInt(base) * BigInt(coupon.percentBps ?? 0)) / 10_000n)
      : (coupon.amountOff ?? 0);
  return Math.max(0, Math.min(raw, coupon.maxDiscount ?? raw, base));
}

/** Per-store sums of the lines `keep` selects. */
function sumByStore(lines: readonly CouponLine[], keep: (line: CouponLine) => boolean): Map<string, number> {
  const sums = new Map<string, number>();
  for (const line of lines) if (keep(line)) sums.set(line.storeId, (sums.get(line.storeId) ?? 0) + lineTotal(line));
  return sums;
}

function problemsOf(
  coupon: CouponForEvaluation,
  eligible: number,
  context: { now: Date; customerUses: number },
): string | null {
  const { code } = coupon;
  if (!coupon.active) return `Coupon ${code} is no longer active`;
  if (context.now < coupon.startsAt) return `Coupon ${code} is not valid yet`;
  if (coupon.endsAt && context.now >= coupon.endsAt) return `Coupon ${code} has expired`;
  if (coupon.usageLimit !== null && coupon.usedCount >= coupon.usageLimit) return `Coupon ${code} has been fully used`;
  if (coupon.perCustomerLimit !== null && context.customerUses >= coupon.perCustomerLimit) {
    return `You have already used coupon ${code} the maximum number of times`;
  }
  if (eligible === 0) return `Coupon ${code} does not apply to any item in your cart`;
  if (eligible < coupon.minSpend) {
    return `Coupon ${code} needs a spend of at least ${coupon.minSpend} on eligible items (you have ${eligible})`;
  }
  return null;
}

function combinationProblems(coupons: readonly CouponForEvaluation[]): string[] {
  const problems: string[] = [];
  if (coupons.filter((coupon) => coupon.scope === "platform").length > 1) {
    problems.push("Only one platform coupon can be used per order");
  }
  const perStore = new Map<string, number>();
  for (const coupon of coupons) {
    if (coupon.storeId) perStore.set(coupon.storeId, (perStore.get(coupon.storeId) ?? 0) + 1);
  }
  if ([...perStore.values()].some((count) => count > 1)) problems.push("Only one coupon per store can be used");
  if (coupons.length > 1) {
    for (const coupon of coupons) {
      if (!coupon.combinable) problems.push(`Coupon ${coupon.code} cannot be combined with other coupons`);
    }
  }
  return problems;
}

/** Throws the INVALID error checkout shows: every problem, each under `coupons`. */
export function invalidCoupons(problems: string[]): DomainError {
  const [first] = problems;
  const message = problems.length > 1 ? `${first} (and ${problems.length - 1} more problem(s))` : (first ?? "");
  return new DomainError("INVALID", message, { coupons: problems });
}

/**
 * Checks each coupon (already resolved from its code, in the customer's order) against the cart
 * and computes the discounts; pure, so evaluation and redemption share it exactly.
 */
export function evaluateResolved(params: {
  coupons: readonly CouponForEvaluation[];
  lines: readonly CouponLine[];
  now: Date;
  customerUses: ReadonlyMap<string, number>;
  categoryPaths: ReadonlyMap<string, string>;
}): EvaluatedCoupon[] {
  const { coupons, lines, now, customerUses, categoryPaths } = params;
  const eligibleByCoupon = new Map(
    coupons.map((coupon) => [coupon.id, sumByStore(lines, (line) => inScope(coupon, line, categoryPaths))]),
  );
  const problems: string[] = [];
  for (const coupon of coupons) {
    const eligible = [...(eligibleByCoupon.get(coupon.id)?.values() ?? [])].reduce((a, b) => a + b, 0);
    const problem = problemsOf(coupon, eligible, { now, customerUses: customerUses.get(coupon.id) ?? 0 });
    if (problem) problems.push(problem);
  }
  problems.push(...combinationProblems(coupons));
  if (problems.length) throw invalidCoupons(problems);

  const storeDiscounts = new Map<string, number>();
  const results = new Map<string, EvaluatedCoupon>();
  for (const coupon of coupons.filter((candidate) => candidate.scope === "store")) {
    const storeId = coupon.storeId ?? "";
    const eligible = eligibleByCoupon.get(coupon.id)?.get(storeId) ?? 0;
    const discount = discountOn(coupon, eligible);
    storeDiscounts.set(storeId, discount);
    results.set(coupon.id, {
      couponId: coupon.id,
      codeId: coupon.codeId,
      code: coupon.code,
      scope: "store",
      storeId,
      discount,
      allocations: discount > 0 ? [{ storeId, amount: discount }] : [],
      eligibleSubtotal: eligible,
    });
  }
  const storeTotals = sumByStore(lines, () => true);
  for (const coupon of coupons.filter((candidate) => candidate.scope === "platform")) {
    const eligibleByStore = eligibleByCoupon.get(coupon.id) ?? new Map<string, number>();
    const bases = [...eligibleByStore].map(([storeId, eligible]) => ({
      storeId,
      weight: Math.max(0, Math.min(eligible, (storeTotals.get(storeId) ?? 0) - (storeDiscounts.get(storeId) ?? 0))),
    }));
    const discount = discountOn(
      coupon,
      bases.reduce((sum, base) => sum + base.weight, 0),
    );
    results.set(coupon.id, {
      couponId: coupon.id,
      codeId: coupon.codeId,
      code: coupon.code,
      scope: "platform",
      storeId: null,
      discount,
      allocations: allocateAcrossStores(discount, bases),
      eligibleSubtotal: [...eligibleByStore.values()].reduce((a, b) => a + b, 0),
    });
  }
  return coupons.flatMap((coupon) => results.get(coupon.id) ?? []);
}
