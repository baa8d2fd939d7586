import type { AppliedCoupon } from "../coupons/coupons.checkout.ts";
import { allocateLargestRemainder } from "../shared/money.ts";
import type { ShippingServiceQuote } from "../shipping/shipping.provider.ts";
import type { CheckoutLine } from "./checkout.queries.ts";

/** One store's share of a checkout, in minor units. */
export interface StoreTotals {
  storeId: string;
  subtotal: number;
  shippingCost: number;
  storeDiscount: number;
  platformDiscount: number;
  coinsDiscount: number;
  total: number;
}

/**
 * The money of a checkout, store by store. Rules:
 * - a store coupon's discount belongs to its store; a platform coupon's discount arrives already
 *   split across stores by the coupons module (largest remainder, so the parts add up);
 * - discounts never exceed a store's goods subtotal (shipping is not discounted);
 * - the coins' value is split across stores in proportion to what is left of their goods after
 *   discounts, again by largest remainder, so every minor unit is accounted for exactly once.
 */
export function priceStores(params: {
  stores: readonly { storeId: string; subtotal: number; shippingCost: number }[];
  coupons: readonly AppliedCoupon[];
  coinsValue: number;
}): StoreTotals[] {
  const totals = params.stores.map((store) => {
    let storeDiscount = 0;
    let platformDiscount = 0;
    for (const coupon of params.coupons) {
      const share = coupon.allocations.find((allocation) => allocation.storeId === store.storeId)?.amount ?? 0;
      if (coupon.scope === "store") storeDiscount += share;
      else platformDiscount += share;
    }
    storeDiscount = Math.min(storeDiscount, store.subtotal);
    platformDiscount = Math.min(platformDiscount, store.subtotal - storeDiscount);
    return { ...store, storeDiscount, platformDiscount, coinsDiscount: 0, total: 0 };
  });
  const coins = allocateLargestRemainder(
    params.coinsValue,
    totals.map((store) => ({
      key: store.storeId,
      weight: store.subtotal - store.storeDiscount - store.platformDiscount,
    })),
  );
  for (const store of totals) {
    store.coinsDiscount = coins.get(store.storeId) ?? 0;
    store.total =
      store.subtotal + store.shippingCost - store.storeDiscount - store.platformDiscount - store.coinsDiscount;
  }
  return totals;
}

/** Goods left to pay after coupons: the base the coins cap is a share of. */
export function goodsAfterDiscounts(totals: readonly StoreTotals[]): number {
  return totals.reduce((sum, store) => sum + store.subtotal - store.storeDiscount - store.platformDiscount, 0);
}

/** Each store's goods at the confirmed prices (checked against the fresh ones: assertPurchasable) and its shipping. */
export function storesOf(lines: readonly CheckoutLine[], quotes: ReadonlyMap<string, ShippingServiceQuote>) {
  const subtotals = new Map<string, number>();
  for (const line of lines)
    subtotals.set(line.storeId, (subtotals.get(line.storeId) ?? 0) + line.seenUnitPrice * line.quantity);
  return [...subtotals].map(([storeId, subtotal]) => ({
    storeId,
    subtotal,
    shippingCost: (quotes.get(storeId) as ShippingServiceQuote).price,
  }));
}
