import type { Database } from "@niaga/db";
import type { Transaction } from "kysely";
import { emitDomainEvents } from "../events/domain-events.ts";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { DomainError } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { normalizeCode } from "./coupons.codes.ts";
import { toEvaluation } from "./coupons.mappers.ts";
import { countCustomerUses, findCategoryPaths, findCodes, findCouponsById } from "./coupons.queries.ts";
import { evaluateResolved, invalidCoupons } from "./coupons.rules.ts";
import type { AppliedCoupon, CouponLine, EvaluatedCoupon } from "./coupons.types.ts";

export type { AppliedCoupon, CouponAllocation, CouponLine } from "./coupons.types.ts";

const MAX_CODES = 10;

function assertLines(lines: readonly CouponLine[]): void {
  for (const line of lines) {
    if (
      !Number.isSafeInteger(line.unitPrice) ||
      line.unitPrice < 0 ||
      !Number.isSafeInteger(line.quantity) ||
      line.quantity < 1
    ) {
      // A programming error in the caller, not a customer mistake: fail loudly.
      throw new TypeError(`Invalid coupon line for variant ${line.variantId}: prices and quantities are integers`);
    }
  }
}

/** Uppercased, duplicate-free codes, or INVALID naming the repeated or excess ones. */
function normalizeCodes(codes: readonly string[]): string[] {
  const normalized = codes.map(normalizeCode).filter((code) => code.length > 0);
  const problems: string[] = [];
  if (normalized.length > MAX_CODES) problems.push(`At most ${MAX_CODES} coupon codes per order`);
  const repeated = normalized.filter((code, index) => normalized.indexOf(code) !== index);
  for (const code of new Set(repeated)) problems.push(`Coupon ${code} is entered more than once`);
  if (problems.length) throw invalidCoupons(problems);
  return normalized;
}

/** Resolves codes to coupons (locked when redeeming) and evaluates them for this customer and cart. */
async function evaluate(
  db: Db,
  params: { customerId: string; codes: readonly string[]; lines: readonly CouponLine[]; now?: Date | undefined },
  options: { lock: boolean },
): Promise<EvaluatedCoupon[]> {
  assertLines(params.lines);
  const codes = normalizeCodes(params.codes);
  if (codes.length === 0) return [];
  const found = await findCodes(db, codes);
  const byCode = new Map(found.map((row) => [row.code, row]));
  const unknown = codes.filter((code) => !byCode.has(code));
  if (unknown.length) throw invalidCoupons(unknown.map((code) => `Coupon code ${code} does not exist`));
  const couponIds = [...new Set(found.map((row) => row.coupon_id))];
  if (couponIds.length < codes.length) throw invalidCoupons(["Two of these codes belong to the same coupon"]);
  // Lock first, then count this customer's uses: the count runs after the lock is granted, so it
  // sees every redemption committed by the checkouts that held the lock before us.
  const rows = new Map((await findCouponsById(db, couponIds, { lock: options.lock })).map((row) => [row.id, row]));
  const customerUses = await countCustomerUses(db, { customerId: params.customerId, couponIds });
  const coupons = codes.map((code) => {
    const codeRow = byCode.get(code);
    const row = codeRow && rows.get(codeRow.coupon_id);
    if (!codeRow || !row) throw invalidCoupons([`Coupon code ${code} does not exist`]);
    return toEvaluation(row, codeRow);
  });
  const categoryPaths = await findCategoryPaths(db, [
    ...params.lines.map((line) => line.categoryId),
    ...coupons.flatMap((coupon) => coupon.categoryIds),
  ]);
  return evaluateResolved({ coupons, lines: params.lines, now: params.now ?? new Date(), customerUses, categoryPaths });
}

function applied(coupon: EvaluatedCoupon): AppliedCoupon {
  const { couponId, code, scope, storeId, discount, allocations } = coupon;
  return { couponId, code, scope, storeId, discount, allocations };
}

/**
 * Validates the codes for this customer and cart and computes discounts, without writing.
 * Throws DomainError("INVALID", message, { coupons: [messages] }) for an unknown, inactive,
 * not-yet-valid or expired code, minimum spend not met, a coupon that applies to nothing in the
 * cart, a usage limit reached, or codes that may not be combined.
 */
export async function evaluateCoupons(
  db: Db,
  params: { customerId: string; codes: string[]; lines: CouponLine[]; now?: Date },
): Promise<AppliedCoupon[]> {
  return (await evaluate(db, params, { lock: false })).map(applied);
}

/**
 * The same evaluation inside the checkout transaction, then records one "reserved" redemption
 * per coupon and raises its used count. The coupon rows stay locked until the checkout commits,
 * so concurrent checkouts can never exceed the total or per-customer limit. Call it once per
 * checkout (a second call for the same checkout answers CONFLICT). Expects READ COMMITTED.
 */
export async function redeemCoupons(
  trx: Transaction<Database>,
  params: { checkoutId: string; customerId: string; codes: string[]; lines: CouponLine[]; now?: Date },
): Promise<AppliedCoupon[]> {
  const evaluated = await evaluate(trx, params, { lock: true });
  if (evaluated.length === 0) return [];
  const existing = await trx
    .selectFrom("coupon_redemptions")
    .select("id")
    .where("checkout_id", "=", params.checkoutId)
    .executeTakeFirst();
  if (existing) throw new DomainError("CONFLICT", "Coupons were already redeemed for this checkout");
  await trx
    .insertInto("coupon_redemptions")
    .values(
      evaluated.map((coupon) => ({
        id: newId(),
        coupon_id: coupon.couponId,
        code_id: coupon.codeId,
        checkout_id: params.checkoutId,
        customer_id: params.customerId,
        status: "reserved" as const,
        discount: coupon.discount,
        eligible_subtotal: coupon.eligibleSubtotal,
        allocations: JSON.stringify(coupon.allocations),
      })),
    )
    .execute();
  for (const coupon of [...evaluated].sort((a, b) => a.couponId.localeCompare(b.couponId))) {
    await trx
      .updateTable("coupons")
      .set((eb) => ({ used_count: eb("used_count", "+", 1) }))
      .where("id", "=", coupon.couponId)
      .execute();
  }
  return evaluated.map(applied);
}

/**
 * Payment succeeded: the checkout's reserved redemptions become confirmed, each with a
 * coupon.redeemed event (the use is final now). Idempotent: confirmed rows are not touched again.
 */
export async function confirmCouponRedemptions(trx: Db, params: { checkoutId: string }): Promise<void> {
  const confirmed = await trx
    .updateTable("coupon_redemptions")
    .set({ status: "confirmed", confirmed_at: new Date() })
    .where("checkout_id", "=", params.checkoutId)
    .where("status", "=", "reserved")
    .returning(["coupon_id", "customer_id", "discount"])
    .execute();
  await emitDomainEvents(
    trx,
    confirmed.map((row) => ({
      type: "coupon.redeemed" as const,
      aggregate: { type: "coupon", id: row.coupon_id },
      payload: {
        couponId: row.coupon_id,
        checkoutId: params.checkoutId,
        customerId: row.customer_id,
        discount: row.discount,
      },
    })),
  );
}

/**
 * Checkout cancelled or expired: releases its live redemptions and gives their uses back.
 * Idempotent: a second call finds nothing live and changes nothing. Returns how many it released.
 */
export function releaseCouponRedemptions(db: Db, params: { checkoutId: string }): Promise<number> {
  return inTransaction(db, async (trx) => {
    // One statement flips the rows, so two concurrent releases cannot both count the same use.
    const released = await trx
      .updateTable("coupon_redemptions")
      .set({ status: "released", released_at: new Date() })
      .where("checkout_id", "=", params.checkoutId)
      .where("status", "in", ["reserved", "confirmed"])
      .returning("coupon_id")
      .execute();
    for (const couponId of [...new Set(released.map((row) => row.coupon_id))].sort()) {
      const uses = released.filter((row) => row.coupon_id === couponId).length;
      await trx
        .updateTable("coupons")
        .set((eb) => ({ used_count: eb("used_count", "-", uses) }))
        .where("id", "=", couponId)
        .execute();
    }
    return released.length;
  });
}
