import type {
  MyOrder,
  MyOrderSummary,
  OrderEvent,
  StaffOrder,
  StaffOrderSummary,
  StoreOrder,
  StoreOrderSummary,
} from "@niaga/contracts";
import type { OrderDetailRows, OrderSummaryRow } from "./orders.queries.ts";

// One mapper per audience: what a buyer, a seller and staff may see are different types, so a new
// column reaches nobody until a mapper names it. Sellers and buyers see events by role, not user id.

const storeOf = (row: { store_id: string; store_name: string; store_slug: string }) => ({
  id: row.store_id,
  name: row.store_name,
  slug: row.store_slug,
});

export function toMyOrderSummary(row: OrderSummaryRow): MyOrderSummary {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    total: row.total,
    itemCount: row.item_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    store: storeOf(row),
  };
}

export function toStoreOrderSummary(row: OrderSummaryRow): StoreOrderSummary {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    total: row.total,
    itemCount: row.item_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    paidAt: row.paid_at,
    recipient: {
      name: row.shipping_address.recipient,
      phone: row.shipping_address.phone,
      city: row.shipping_address.city,
    },
  };
}

export function toStaffOrderSummary(row: OrderSummaryRow): StaffOrderSummary {
  return {
    ...toMyOrderSummary(row),
    customerId: row.customer_id,
    paidAt: row.paid_at,
    shippedAt: row.shipped_at,
  };
}

function detailBase({ order, lines }: OrderDetailRows) {
  const address = order.shipping_address;
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    currency: order.currency,
    amounts: {
      subtotal: order.subtotal,
      shippingCost: order.shipping_cost,
      storeDiscount: order.store_discount,
      platformDiscount: order.platform_discount,
      coinsDiscount: order.coins_discount,
      total: order.total,
    },
    shipping: {
      courier: order.shipping_courier,
      service: order.shipping_service,
      etaMinDays: order.shipping_eta_min,
      etaMaxDays: order.shipping_eta_max,
      shippedCourier: order.shipped_courier,
      trackingNumber: order.tracking_number,
      address: {
        recipient: address.recipient,
        phone: address.phone,
        line: address.line,
        city: address.city,
        postalCode: address.postalCode,
        region: address.region,
        ...(address.note !== undefined && { note: address.note }),
      },
    },
    times: {
      createdAt: order.created_at,
      paidAt: order.paid_at,
      processingAt: order.processing_at,
      shippedAt: order.shipped_at,
      deliveredAt: order.delivered_at,
      completedAt: order.completed_at,
      cancelledAt: order.cancelled_at,
    },
    lines: lines.map((line) => ({
      id: line.id,
      productId: line.product_id,
      variantId: line.variant_id,
      productTitle: line.product_title,
      variantTitle: line.variant_title,
      sku: line.sku,
      unitPrice: line.unit_price,
      quantity: line.quantity,
      lineTotal: line.unit_price * line.quantity,
      status: line.status,
    })),
  };
}

function eventOf(event: OrderDetailRows["events"][number]): OrderEvent {
  return {
    id: event.id,
    fromStatus: event.from_status,
    toStatus: event.to_status,
    actorRole: event.actor_role,
    note: event.note,
    createdAt: event.created_at,
  };
}

export function toMyOrder(rows: OrderDetailRows): MyOrder {
  return {
    ...detailBase(rows),
    checkoutId: rows.order.checkout_id,
    store: { id: rows.order.store_id, name: rows.order.store_name, slug: rows.order.store_slug },
    events: rows.events.map(eventOf),
  };
}

export function toStoreOrder(rows: OrderDetailRows): StoreOrder {
  return { ...detailBase(rows), events: rows.events.map(eventOf) };
}

export function toStaffOrder(rows: OrderDetailRows): StaffOrder {
  return {
    ...toMyOrder(rows),
    customerId: rows.order.customer_id,
    events: rows.events.map((event) => ({ ...eventOf(event), actorId: event.actor_id })),
  };
}
