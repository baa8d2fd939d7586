import type { CouponKind, CouponScope } from "@niaga/db";

/** One cart line as checkout hands it to coupon evaluation; money in minor units. */
export interface CouponLine {
  variantId: string;
  productId: string;
  storeId: string;
  categoryId: string;
  unitPrice: number;
  quantity: number;
}

/** A store's share of one coupon's discount; the shares sum exactly to the discount. */
export interface CouponAllocation {
  storeId: string;
  amount: number;
}

/** A coupon that applies to the cart, with its discount and how that splits across stores. */
export interface AppliedCoupon {
  couponId: string;
  code: string;
  scope: CouponScope;
  storeId: string | null;
  discount: number;
  allocations: CouponAllocation[];
}

/** What evaluation needs of a coupon and the code the customer typed for it. */
export interface CouponForEvaluation {
  id: string;
  codeId: string;
  code: string;
  scope: CouponScope;
  storeId: string | null;
  kind: CouponKind;
  percentBps: number | null;
  amountOff: number | null;
  minSpend: number;
  maxDiscount: number | null;
  usageLimit: number | null;
  perCustomerLimit: number | null;
  usedCount: number;
  categoryIds: string[];
  productIds: string[];
  startsAt: Date;
  endsAt: Date | null;
  combinable: boolean;
  active: boolean;
}

/** An applied coupon plus what a redemption records about it. */
export interface EvaluatedCoupon extends AppliedCoupon {
  codeId: string;
  eligibleSubtotal: number;
}
