import type { CheckoutInput, CheckoutView } from "@niaga/contracts";
import type { Database } from "@niaga/db";
import type { Transaction } from "kysely";
import { maxRedeemableCoins, redeemCoins } from "../coins/coins.checkout.ts";
import type { AppliedCoupon } from "../coupons/coupons.checkout.ts";
import { redeemCoupons } from "../coupons/coupons.checkout.ts";
import type { DomainEvent } from "../events/domain-events.ts";
import { commissionRatesOf } from "../ledger/commission.ts";
import { accounts } from "../ledger/ledger.accounts.ts";
import { postJournalEntry } from "../ledger/ledger.service.ts";
import { DomainError } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { insertUnnested } from "../shared/unnest-insert.ts";
import type { ShippingServiceQuote } from "../shipping/shipping.provider.ts";
import { PriceChangedError } from "./checkout.errors.ts";
import type { QuotedStart } from "./checkout.open.ts";
import { addressSnapshot, openAndQuote, openQuoted } from "./checkout.open.ts";
import type { StoreTotals } from "./checkout.pricing.ts";
import { goodsAfterDiscounts, priceStores, storesOf } from "./checkout.pricing.ts";
import type { CheckoutLine } from "./checkout.queries.ts";
import { claimIdempotencyKey } from "./checkout.queries.ts";
import { toCheckoutOrders } from "./checkout.read.ts";
import { ORDER_COLUMNS, ORDER_EVENT_COLUMNS, ORDER_LINE_COLUMNS } from "./checkout.rows.ts";
import type { CheckoutDeps } from "./checkout.service.ts";
import { newOrderNumber } from "./order-numbers.ts";
import { holdStock } from "./stock-holds.ts";

interface WriteParams {
  customerId: string;
  input: CheckoutInput;
  /** Null: nothing was read before the transaction; it reads the cart and quotes shipping itself. */
  quoted: QuotedStart | null;
  now: Date;
  onDuplicate: () => never;
}

/** The checkout transaction's body (see placeCheckout). Returns the new checkout as the customer sees it. */
export async function writeCheckout(
  trx: Transaction<Database>,
  deps: CheckoutDeps,
  params: WriteParams,
): Promise<CheckoutView> {
  const { customerId, input, now, quoted } = params;
  const checkoutId = newId();
  const expiresAt = new Date(now.getTime() + deps.config.CHECKOUT_EXPIRY_MINUTES * 60_000);
  const simple = input.couponCodes.length === 0 && input.coins === 0;
  const claim = claimIdempotencyKey({ customerId, key: input.idempotencyKey });
  // Stock levels are locked last of every money row. With no coupon, coins or wallet there is
  // nothing else to lock, so the first statement locks them too.
  const lockNow = simple && input.walletAmount === 0;
  // One statement empties the cart, reading it back priced now (a concurrent twin, same key or
  // not, waits on those rows until this commits, then finds the cart changed), claims the
  // idempotency key (a twin that got past the cart, its own cart emptied and refilled meanwhile,
  // waits here, then finds the key used) and, when it can, locks the levels. placeCheckout answers
  // a same-key twin with the winner's checkout; a failed check below rolls it all back.
  const { opened, address, quotes, lines } = quoted
    ? await openQuoted(trx, { customerId, quoted, claim, lockNow })
    : await openAndQuote(trx, deps, { customerId, input, claim, lockNow });
  assertPurchasable(lines);
  if (!opened.claimed) params.onDuplicate();
  const shippingAddress = addressSnapshot(address);
  const stores = storesOf(lines, quotes);
  const orderIds = new Map(stores.map((store) => [store.storeId, newId()]));
  const lineIds = new Map(lines.map((line) => [line.variantId, newId()]));

  // Priced with the fresh lines, at the rates read with them.
  const commission = commissionRatesOf(
    lines.map((line) => ({
      storeId: line.storeId,
      amount: line.unitPrice * line.quantity,
      storeRateBps: line.storeRateBps,
      categoryRateBps: line.categoryRateBps,
    })),
    deps.config.PLATFORM_COMMISSION_BPS,
  );

  // Lock order across every money path: coupons, the coin account, ledger accounts (the wallet),
  // then stock levels (last,
  // just before commit, so a hot variant's row is held for as few statements as possible).
  const coupons: AppliedCoupon[] =
    input.couponCodes.length > 0
      ? await redeemCoupons(trx, {
          checkoutId,
          customerId,
          codes: input.couponCodes,
          now,
          lines: lines.map((line) => ({
            variantId: line.variantId,
            productId: line.productId,
            storeId: line.storeId,
            categoryId: line.categoryId,
            unitPrice: line.unitPrice,
            quantity: line.quantity,
          })),
        })
      : [];
  const coinsValue = await redeemCheckoutCoins(trx, deps, {
    customerId,
    checkoutId,
    coins: input.coins,
    goods: goodsAfterDiscounts(priceStores({ stores, coupons, coinsValue: 0 })),
  });
  const totals = priceStores({ stores, coupons, coinsValue });
  const sum = (pick: (store: (typeof totals)[number]) => number) => totals.reduce((acc, store) => acc + pick(store), 0);
  await holdWallet(trx, {
    customerId,
    checkoutId,
    amount: input.walletAmount,
    grandTotal: sum((store) => store.total),
    currency: deps.config.CURRENCY,
  });

  const orders = totals.map((store) => {
    const quote = quotes.get(store.storeId) as ShippingServiceQuote;
    return {
      id: orderIds.get(store.storeId) as string,
      number: (deps.orderNumbers ?? newOrderNumber)(now),
      checkout_id: checkoutId,
      customer_id: customerId,
      store_id: store.storeId,
      subtotal: store.subtotal,
      shipping_cost: store.shippingCost,
      store_discount: store.storeDiscount,
      platform_discount: store.platformDiscount,
      coins_discount: store.coinsDiscount,
      total: store.total,
      commission_bps: commission.get(store.storeId) ?? deps.config.PLATFORM_COMMISSION_BPS,
      shipping_courier: quote.courier,
      shipping_service: quote.service,
      shipping_eta_min: quote.etaDays.min,
      shipping_eta_max: quote.etaDays.max,
      shipping_address: JSON.stringify(shippingAddress),
      weight_grams: lines
        .filter((line) => line.storeId === store.storeId)
        .reduce((acc, line) => acc + line.weightGrams * line.quantity, 0),
      created_at: now,
    };
  });
  const checkoutTotals = checkoutTotalsOf(totals, input, coinsValue);
  const placed: DomainEvent[] = orders.map((order) => ({
    type: "order.placed",
    aggregate: { type: "order", id: order.id },
    payload: { checkoutId, storeId: order.store_id, customerId, total: order.total },
  }));

  const lineRows = lines.map((line) => ({
    id: lineIds.get(line.variantId) as string,
    order_id: orderIds.get(line.storeId) as string,
    customer_id: customerId,
    store_id: line.storeId,
    product_id: line.productId,
    variant_id: line.variantId,
    product_title: line.productTitle,
    variant_title: line.variantTitle,
    sku: line.sku,
    unit_price: line.unitPrice,
    quantity: line.quantity,
    created_at: now,
  }));

  // Everything below is written in one statement with the holds, right after the stock levels
  // are locked: a hot variant's row stays locked for that one round trip and the commit.
  await holdStock(trx, {
    checkoutId,
    ...(lockNow && { locked: opened.levels }),
    actorId: customerId,
    products: new Map(
      lines.map((line) => [
        line.variantId,
        { productId: line.productId, storeId: line.storeId, lowStockThreshold: line.lowStockThreshold },
      ]),
    ),
    // The outbox rows emitDomainEvents would write, in the same insert as the stock.changed ones.
    events: placed,
    demands: lines.map((line) => ({
      orderId: orderIds.get(line.storeId) as string,
      lineId: lineIds.get(line.variantId) as string,
      variantId: line.variantId,
      storeId: line.storeId,
      quantity: line.quantity,
    })),
    alsoWrite: (allocations) => {
      const firstLocation = new Map<string, string>();
      for (const allocation of allocations) {
        if (!firstLocation.has(allocation.lineId)) firstLocation.set(allocation.lineId, allocation.locationId);
      }
      return [
        // The checkout row, written once with its totals; its unique (customer, key) is the
        // idempotency key's final guard (see claimIdempotencyKey).
        trx.insertInto("checkouts").values({
          id: checkoutId,
          customer_id: customerId,
          idempotency_key: input.idempotencyKey,
          currency: deps.config.CURRENCY,
          ...checkoutTotals,
          coupon_codes: input.couponCodes,
          shipping_address: JSON.stringify(shippingAddress),
          expires_at: expiresAt,
          created_at: now,
        }),
        insertUnnested("orders", ORDER_COLUMNS, orders),
        insertUnnested(
          "order_events",
          ORDER_EVENT_COLUMNS,
          orders.map((order) => ({
            order_id: order.id,
            from_status: null,
            to_status: "pending_payment" as const,
            actor_id: customerId,
            actor_role: "customer",
            note: "Order placed",
            created_at: now,
          })),
        ),
        insertUnnested(
          "order_lines",
          ORDER_LINE_COLUMNS,
          lineRows.map((row) => ({ ...row, location_id: firstLocation.get(row.id) ?? null })),
        ),
      ];
    },
  });

  const storeNames = new Map(lines.map((line) => [line.storeId, line.storeName]));
  const view: CheckoutView = {
    id: checkoutId,
    status: "pending_payment",
    currency: deps.config.CURRENCY,
    subtotal: checkoutTotals.subtotal,
    shippingTotal: checkoutTotals.shipping_total,
    storeDiscountTotal: checkoutTotals.store_discount_total,
    platformDiscount: checkoutTotals.platform_discount,
    coinsRedeemed: checkoutTotals.coins_redeemed,
    coinsValue,
    grandTotal: checkoutTotals.grand_total,
    walletAmount: input.walletAmount,
    couponCodes: input.couponCodes,
    expiresAt,
    paidAt: null,
    createdAt: now,
    orders: toCheckoutOrders(
      [...orders]
        .sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0))
        .map((order) => ({ ...order, status: "pending_payment", store_name: storeNames.get(order.store_id) ?? "" })),
      lineRows,
    ),
  };
  return view;
}

/**
 * Sets the wallet part of the payment aside (Dr wallet, Cr wallet held) so it cannot be spent
 * twice while the rest is paid; refused when the wallet holds less or it exceeds what is due.
 */
async function holdWallet(
  trx: Transaction<Database>,
  params: { customerId: string; checkoutId: string; amount: number; grandTotal: number; currency: string },
) {
  if (params.amount === 0) return;
  if (params.amount > params.grandTotal) {
    const message = `At most ${params.grandTotal} can be paid from the wallet on this checkout`;
    throw new DomainError("INVALID", message, { walletAmount: [message] });
  }
  await postJournalEntry(trx, {
    kind: "wallet.held",
    reference: { type: "checkout", id: params.checkoutId },
    idempotencyKey: `wallet.held:${params.checkoutId}`,
    currency: params.currency,
    lines: [
      { account: accounts.customerWallet(params.customerId), amount: params.amount },
      { account: accounts.customerWalletHeld(params.customerId), amount: -params.amount },
    ],
    memo: "Wallet part of a checkout, held until it is paid",
    mustStayNonNegative: [accounts.customerWallet(params.customerId)],
  });
}

async function redeemCheckoutCoins(
  trx: Transaction<Database>,
  deps: CheckoutDeps,
  params: { customerId: string; checkoutId: string; coins: number; goods: number },
): Promise<number> {
  if (params.coins === 0) return 0;
  const cap = maxRedeemableCoins({
    subtotal: params.goods,
    maxPercent: deps.config.COINS_MAX_REDEEM_PERCENT,
    minorUnitsPerCoin: deps.config.COINS_MINOR_UNITS_PER_COIN,
  });
  if (params.coins > cap) {
    const message = `At most ${cap} coins can be used on this order`;
    throw new DomainError("INVALID", message, { coins: [message] });
  }
  return redeemCoins(trx, {
    customerId: params.customerId,
    checkoutId: params.checkoutId,
    coins: params.coins,
    minorUnitsPerCoin: deps.config.COINS_MINOR_UNITS_PER_COIN,
  });
}

/** The checkout row's money columns for these store totals. */
function checkoutTotalsOf(totals: readonly StoreTotals[], input: CheckoutInput, coinsValue: number) {
  const sum = (pick: (store: StoreTotals) => number) => totals.reduce((acc, store) => acc + pick(store), 0);
  return {
    subtotal: sum((store) => store.subtotal),
    shipping_total: sum((store) => store.shippingCost),
    store_discount_total: sum((store) => store.storeDiscount),
    platform_discount: sum((store) => store.platformDiscount),
    coins_redeemed: input.coins,
    coins_value: coinsValue,
    grand_total: sum((store) => store.total),
    wallet_amount: input.walletAmount,
  };
}

function assertPurchasable(lines: readonly CheckoutLine[]) {
  const unavailable = lines.filter((line) => !line.purchasable);
  if (unavailable.length > 0) {
    const fields: Record<string, string[]> = {};
    for (const line of unavailable) fields[`lines.${line.variantId}`] = [`${line.productTitle} is no longer for sale`];
    throw new DomainError("CONFLICT", `${unavailable.length} item(s) in your cart can no longer be bought`, fields);
  }
  const changed = lines.filter((line) => line.unitPrice !== line.seenUnitPrice);
  if (changed.length > 0) {
    throw new PriceChangedError(
      changed.map((line) => ({ variantId: line.variantId, confirmed: line.seenUnitPrice, current: line.unitPrice })),
    );
  }
}
