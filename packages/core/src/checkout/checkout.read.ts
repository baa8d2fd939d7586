import type { CheckoutView } from "@niaga/contracts";
import type { OrderStatus } from "@niaga/db";
import type { Db } from "../shared/db.ts";
import { NotFoundError } from "../shared/errors.ts";

/** A checkout with its store orders and their lines; NOT_FOUND for someone else's. */
export async function getCheckoutView(
  db: Db,
  params: { checkoutId: string; customerId: string },
): Promise<CheckoutView> {
  const checkout = await db
    .selectFrom("checkouts")
    .selectAll()
    .where("id", "=", params.checkoutId)
    .where("customer_id", "=", params.customerId)
    .executeTakeFirst();
  if (!checkout) throw new NotFoundError("Checkout");
  const orders = await db
    .selectFrom("orders as o")
    .innerJoin("stores as s", "s.id", "o.store_id")
    .select([
      "o.id",
      "o.number",
      "o.store_id",
      "s.name as store_name",
      "o.status",
      "o.subtotal",
      "o.shipping_cost",
      "o.store_discount",
      "o.platform_discount",
      "o.coins_discount",
      "o.total",
      "o.shipping_courier",
      "o.shipping_service",
    ])
    .where("o.checkout_id", "=", checkout.id)
    .orderBy("o.number")
    .execute();
  const lines = orders.length
    ? await db
        .selectFrom("order_lines")
        .select([
          "id",
          "order_id",
          "variant_id",
          "product_id",
          "product_title",
          "variant_title",
          "sku",
          "unit_price",
          "quantity",
        ])
        .where(
          "order_id",
          "in",
          orders.map((order) => order.id),
        )
        .orderBy("created_at")
        .orderBy("id")
        .execute()
    : [];
  return {
    id: checkout.id,
    status: checkout.status,
    currency: checkout.currency,
    subtotal: checkout.subtotal,
    shippingTotal: checkout.shipping_total,
    storeDiscountTotal: checkout.store_discount_total,
    platformDiscount: checkout.platform_discount,
    coinsRedeemed: checkout.coins_redeemed,
    coinsValue: checkout.coins_value,
    grandTotal: checkout.grand_total,
    walletAmount: checkout.wallet_amount,
    couponCodes: checkout.coupon_codes,
    expiresAt: checkout.expires_at,
    paidAt: checkout.paid_at,
    createdAt: checkout.created_at,
    orders: toCheckoutOrders(orders, lines),
  };
}

/** The order columns a checkout view shows, with the store's name. */
export interface CheckoutOrderRow {
  id: string;
  number: string;
  store_id: string;
  store_name: string;
  status: OrderStatus;
  subtotal: number;
  shipping_cost: number;
  store_discount: number;
  platform_discount: number;
  coins_discount: number;
  total: number;
  shipping_courier: string;
  shipping_service: string;
}

/** The order line columns a checkout view shows. */
export interface CheckoutLineRow {
  id: string;
  order_id: string | null;
  variant_id: string;
  product_id: string;
  product_title: string;
  variant_title: string;
  sku: string;
  unit_price: number;
  quantity: number;
}

/**
 * A checkout's store orders with their lines, from rows: read back here, or the rows checkout
 * has just written (checkout.write.ts answers without reading them again).
 */
export function toCheckoutOrders(
  orders: readonly CheckoutOrderRow[],
  lines: readonly CheckoutLineRow[],
): CheckoutView["orders"] {
  return orders.map((order) => ({
    id: order.id,
    number: order.number,
    storeId: order.store_id,
    storeName: order.store_name,
    status: order.status,
    subtotal: order.subtotal,
    shippingCost: order.shipping_cost,
    storeDiscount: order.store_discount,
    platformDiscount: order.platform_discount,
    coinsDiscount: order.coins_discount,
    total: order.total,
    courier: order.shipping_courier,
    service: order.shipping_service,
    lines: lines
      .filter((line) => line.order_id === order.id)
      .map((line) => ({
        id: line.id,
        variantId: line.variant_id,
        productId: line.product_id,
        productTitle: line.product_title,
        variantTitle: line.variant_title,
        sku: line.sku,
        unitPrice: line.unit_price,
        quantity: line.quantity,
        lineTotal: line.unit_price * line.quantity,
      })),
  }));
}
