import type { NotificationType } from "@niaga/contracts";
import type { StoredEvent } from "../events/dispatch.ts";
import type { TemplateData } from "../mail/templates-notifications.ts";
import type { Db } from "../shared/db.ts";

/** One person to tell about one event, with the facts their message needs. */
export interface Recipient {
  userId: string;
  type: NotificationType;
  data: TemplateData;
}

const str = (value: unknown) => (typeof value === "string" ? value : null);
const num = (value: unknown) => (typeof value === "number" ? value : null);

function storeOrders(db: Db) {
  return db
    .selectFrom("orders")
    .innerJoin("stores", "stores.id", "orders.store_id")
    .select(["orders.id", "orders.number", "orders.total", "orders.customer_id", "orders.status", "stores.owner_id"]);
}

/**
 * Who hears about an event (issue 6): the seller on order placed / paid, complaint opened, stock
 * low and withdrawal decided; the customer on their order's status, refund decided and a followed
 * store's new product; managers on an escalated complaint. Facts come from the database, so a
 * replayed event says what is true now about ids, and what the event said about its change.
 */
export async function recipientsFor(db: Db, event: StoredEvent, currency: string): Promise<Recipient[]> {
  const p = event.payload;
  switch (event.type) {
    case "order.placed": {
      const order = await storeOrders(db).where("orders.id", "=", event.aggregateId).executeTakeFirst();
      if (!order) return [];
      const data = { orderId: order.id, orderNumber: order.number, total: order.total, currency };
      return [{ userId: order.owner_id, type: "order.placed", data }];
    }
    case "payment.confirmed": {
      // Payment processing emits its own payment.confirmed (aggregate payment); the checkout one names the orders.
      if (event.aggregateType !== "checkout") return [];
      const orders = await storeOrders(db).where("orders.checkout_id", "=", event.aggregateId).execute();
      return orders.map((order) => ({
        userId: order.owner_id,
        type: "payment.confirmed" as const,
        data: { orderId: order.id, orderNumber: order.number, total: order.total, currency },
      }));
    }
    case "order.status_changed": {
      const to = str(p.to);
      if (!to || to === "pending_payment") return [];
      const order = await storeOrders(db).where("orders.id", "=", event.aggregateId).executeTakeFirst();
      if (!order) return [];
      const data = { orderId: order.id, orderNumber: order.number, status: to };
      return [{ userId: order.customer_id, type: "order.status_changed", data }];
    }
    case "refund.decided": {
      const order = await storeOrders(db)
        .where("orders.id", "=", str(p.orderId) ?? "")
        .executeTakeFirst();
      if (!order) return [];
      const data = {
        complaintId: str(p.complaintId),
        orderId: order.id,
        orderNumber: order.number,
        decision: str(p.decision),
        amount: num(p.amount),
        currency,
      };
      return [{ userId: order.customer_id, type: "refund.decided", data }];
    }
    case "complaint.opened":
    case "complaint.escalated": {
      const order = await storeOrders(db)
        .where("orders.id", "=", str(p.orderId) ?? "")
        .executeTakeFirst();
      if (!order) return [];
      const data = { complaintId: str(p.complaintId), orderId: order.id, orderNumber: order.number };
      if (event.type === "complaint.opened") return [{ userId: order.owner_id, type: "complaint.opened", data }];
      const managers = await db
        .selectFrom("user")
        .select("id")
        .where("role", "=", "manager")
        .where((eb) => eb.or([eb("banned", "is", null), eb("banned", "=", false)]))
        .execute();
      return managers.map((manager) => ({ userId: manager.id, type: "complaint.escalated" as const, data }));
    }
    case "stock.low": {
      const product = await db
        .selectFrom("products")
        .innerJoin("stores", "stores.id", "products.store_id")
        .select(["products.id", "products.title", "stores.owner_id"])
        .where("products.id", "=", event.aggregateId)
        .executeTakeFirst();
      if (!product) return [];
      const data = {
        productId: product.id,
        productTitle: product.title,
        variantId: str(p.variantId),
        available: num(p.available),
        threshold: num(p.threshold),
      };
      return [{ userId: product.owner_id, type: "stock.low", data }];
    }
    case "withdrawal.decided": {
      const store = await db
        .selectFrom("stores")
        .select("owner_id")
        .where("id", "=", str(p.storeId) ?? "")
        .executeTakeFirst();
      if (!store) return [];
      const data = { withdrawalId: event.aggregateId, status: str(p.status), amount: num(p.amount), currency };
      return [{ userId: store.owner_id, type: "withdrawal.decided", data }];
    }
    case "product.published": {
      const product = await db
        .selectFrom("products")
        .innerJoin("stores", "stores.id", "products.store_id")
        .select(["products.id", "products.title", "stores.id as store_id", "stores.name"])
        .where("products.id", "=", event.aggregateId)
        .executeTakeFirst();
      if (!product) return [];
      const followers = await db
        .selectFrom("store_follows")
        .select("customer_id")
        .where("store_id", "=", product.store_id)
        .execute();
      const data = {
        productId: product.id,
        productTitle: product.title,
        storeId: product.store_id,
        storeName: product.name,
      };
      return followers.map((row) => ({ userId: row.customer_id, type: "product.published" as const, data }));
    }
    default:
      return [];
  }
}
