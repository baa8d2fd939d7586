import type {
  LiveNotificationMessage,
  LiveOrderMessage,
  LiveStockMessage,
  LiveStoreOrderMessage,
} from "@niaga/contracts";
import { emitDomainEvents } from "@niaga/core/events/domain-events";
import { newId } from "@niaga/core/shared/ids";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertOrder } from "../../../packages/core/test/support/order-fixtures.ts";
import { insertStore } from "../../../packages/core/test/support/review-fixtures.ts";
import type { TestApi } from "./support/harness.ts";
import { startTestApi } from "./support/harness.ts";
import { collect, liveClient } from "./support/live.ts";

let api: TestApi;
type Account = { id: string; email: string; token: string };
let customer: Account;
let otherCustomer: Account;
let seller: Account;
let storeId: string;

beforeAll(async () => {
  api = await startTestApi();
  customer = await api.userWithRole("customer");
  otherCustomer = await api.userWithRole("customer");
  seller = await api.userWithRole("seller");
  storeId = (await insertStore(api.database.db, { ownerId: seller.id })).id;
});
afterAll(() => api.stop());

async function eventIdsOf(aggregateId: string): Promise<number[]> {
  const rows = await api.database.db
    .selectFrom("domain_events")
    .select("id")
    .where("aggregate_id", "=", aggregateId)
    .orderBy("id")
    .execute();
  return rows.map((row) => row.id);
}

describe("customer.live.order", () => {
  it("refuses another customer's order, an unknown order and anonymous callers", async () => {
    const order = await insertOrder(api.database.db, { customerId: customer.id, storeId, status: "paid" });
    const stranger = collect<LiveOrderMessage>((handlers) =>
      liveClient(api.url, otherCustomer.token).customer.live.order.subscribe({ orderId: order.id }, handlers),
    );
    const unknown = collect<LiveOrderMessage>((handlers) =>
      liveClient(api.url, customer.token).customer.live.order.subscribe({ orderId: newId() }, handlers),
    );
    const anonymous = collect<LiveOrderMessage>((handlers) =>
      liveClient(api.url).customer.live.order.subscribe({ orderId: order.id }, handlers),
    );
    // The seller of the order is a customer too, but not this order's customer.
    const sellerAsCustomer = collect<LiveOrderMessage>((handlers) =>
      liveClient(api.url, seller.token).customer.live.order.subscribe({ orderId: order.id }, handlers),
    );
    expect((await stranger.waitForError()).code).toBe("NOT_FOUND");
    expect((await unknown.waitForError()).code).toBe("NOT_FOUND");
    expect((await anonymous.waitForError()).code).toBe("UNAUTHORIZED");
    expect((await sellerAsCustomer.waitForError()).code).toBe("NOT_FOUND");
    // Nothing about the order leaked before the refusal.
    expect([...stranger.messages, ...unknown.messages, ...anonymous.messages, ...sellerAsCustomer.messages]).toEqual(
      [],
    );
  });

  it("starts with the order as it is, then sends each status change made through the API", async () => {
    const order = await insertOrder(api.database.db, { customerId: customer.id, storeId, status: "paid" });
    const live = collect<LiveOrderMessage>((handlers) =>
      liveClient(api.url, customer.token).customer.live.order.subscribe({ orderId: order.id }, handlers),
    );
    const [snapshot] = await live.waitFor(1);
    expect(snapshot?.data).toMatchObject({ event: null, transition: null, order: { id: order.id, status: "paid" } });

    await api.client(seller.token).seller.orders.accept.mutate({ id: order.id });
    const [, accepted] = await live.waitFor(2, 2000);
    const [eventId] = await eventIdsOf(order.id);
    expect(accepted).toMatchObject({
      id: String(eventId),
      data: {
        event: { id: eventId, type: "order.status_changed" },
        transition: { from: "paid", to: "processing" },
        order: { id: order.id, status: "processing" },
      },
    });
    expect(accepted?.data.event?.occurredAt).toBeInstanceOf(Date);
    live.stop();
  });

  it("replays what a client missed when it resubscribes with its last event id, and nothing else", async () => {
    const order = await insertOrder(api.database.db, { customerId: customer.id, storeId, status: "paid" });
    const first = collect<LiveOrderMessage>((handlers) =>
      liveClient(api.url, customer.token).customer.live.order.subscribe({ orderId: order.id }, handlers),
    );
    const [snapshot] = await first.waitFor(1);
    first.stop();
    const cursor = snapshot?.id ?? "";

    const sellerOrders = api.client(seller.token).seller.orders;
    await sellerOrders.accept.mutate({ id: order.id });
    await sellerOrders.ship.mutate({ id: order.id, courier: "JNE", trackingNumber: "JNE-777" });
    // Another order's events are not this stream's.
    const other = await insertOrder(api.database.db, { customerId: customer.id, storeId, status: "paid" });
    await sellerOrders.accept.mutate({ id: other.id });

    const again = collect<LiveOrderMessage>((handlers) =>
      liveClient(api.url, customer.token).customer.live.order.subscribe(
        { orderId: order.id, lastEventId: cursor },
        handlers,
      ),
    );
    const replayed = await again.waitFor(2);
    expect(replayed.map((message) => message.data.transition)).toEqual([
      { from: "paid", to: "processing" },
      { from: "processing", to: "shipped" },
    ]);
    expect(replayed.map((message) => message.id)).toEqual((await eventIdsOf(order.id)).map(String));
    // Re-read after the fact: both carry the order as it is now.
    expect(replayed.map((message) => message.data.order.status)).toEqual(["shipped", "shipped"]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(again.messages).toHaveLength(2);
    again.stop();
  });
});

describe("seller.live.orders", () => {
  it("sends the seller's own store's orders only", async () => {
    const live = collect<LiveStoreOrderMessage>((handlers) =>
      liveClient(api.url, seller.token).seller.live.orders.subscribe(undefined, handlers),
    );
    await live.waitFor(1);
    const otherStore = await insertStore(api.database.db);
    const mine = await insertOrder(api.database.db, { customerId: customer.id, storeId, status: "paid" });
    const theirs = await insertOrder(api.database.db, {
      customerId: customer.id,
      storeId: otherStore.id,
      status: "paid",
    });
    // The order.placed events checkout writes, for both stores.
    await emitDomainEvents(api.database.db, [
      { type: "order.placed", aggregate: { type: "order", id: theirs.id }, payload: placed(theirs, otherStore.id) },
      { type: "order.placed", aggregate: { type: "order", id: mine.id }, payload: placed(mine, storeId) },
    ]);
    const [, message] = await live.waitFor(2);
    expect(message?.data).toMatchObject({
      event: { type: "order.placed" },
      order: { id: mine.id, number: mine.number, total: mine.total, status: "paid" },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(live.messages).toHaveLength(2);
    live.stop();
  });
});

function placed(order: { total: number }, store: string) {
  return { checkoutId: newId(), storeId: store, customerId: customer.id, total: order.total };
}

describe("public.live.stock", () => {
  it("sends a product's stock per variant, re-read on each stock event, to anonymous shoppers", async () => {
    const order = await insertOrder(api.database.db, { customerId: customer.id, storeId, status: "paid" });
    const { product_id: productId } = await api.database.db
      .selectFrom("variants")
      .select("product_id")
      .where("id", "=", order.variantId)
      .executeTakeFirstOrThrow();
    const live = collect<LiveStockMessage>((handlers) =>
      liveClient(api.url).public.live.stock.subscribe({ productId }, handlers),
    );
    const [snapshot] = await live.waitFor(1);
    const before = snapshot?.data.variants.find((variant) => variant.variantId === order.variantId)?.available ?? -1;

    await api.database.db.transaction().execute(async (trx) => {
      await trx
        .updateTable("inventory_levels")
        .set({ on_hand: sql`on_hand - 3` })
        .where("variant_id", "=", order.variantId)
        .execute();
      await emitDomainEvents(trx, [
        {
          type: "stock.low",
          aggregate: { type: "product", id: productId },
          payload: { storeId, productId, variantId: order.variantId, available: before - 3, threshold: 5 },
        },
      ]);
    });
    const [, update] = await live.waitFor(2);
    expect(update?.data.event?.type).toBe("stock.low");
    expect(update?.data.variants).toContainEqual({ variantId: order.variantId, available: before - 3 });
    live.stop();

    const hidden = collect<LiveStockMessage>((handlers) =>
      liveClient(api.url).public.live.stock.subscribe({ productId: newId() }, handlers),
    );
    expect((await hidden.waitForError()).code).toBe("NOT_FOUND");
  });
});

describe("customer.live.notifications", () => {
  it("sends my notifications, never another user's", async () => {
    const live = collect<LiveNotificationMessage>((handlers) =>
      liveClient(api.url, customer.token).customer.live.notifications.subscribe(undefined, handlers),
    );
    const [snapshot] = await live.waitFor(1);
    expect(snapshot?.data).toMatchObject({ event: null, notification: null });
    const unreadBefore = snapshot?.data.unread ?? -1;

    for (const user of [otherCustomer, customer]) {
      const id = newId();
      await api.database.db.transaction().execute(async (trx) => {
        await trx
          .insertInto("notifications")
          .values({ id, user_id: user.id, type: "order.status_changed", title: "Pesanan diproses", body: "Order X" })
          .execute();
        await emitDomainEvents(trx, [
          {
            type: "notification.created",
            aggregate: { type: "user", id: user.id },
            payload: { notificationId: id, userId: user.id },
          },
        ]);
      });
    }
    const [, message] = await live.waitFor(2);
    expect(message?.data).toMatchObject({
      event: { type: "notification.created" },
      notification: { title: "Pesanan diproses", readAt: null },
      unread: unreadBefore + 1,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(live.messages).toHaveLength(2);
    live.stop();
  });
});

describe("the hub", () => {
  it("reconnects after its LISTEN connection is killed and delivers what was committed meanwhile", async () => {
    const order = await insertOrder(api.database.db, { customerId: customer.id, storeId, status: "paid" });
    const live = collect<LiveOrderMessage>((handlers) =>
      liveClient(api.url, customer.token).customer.live.order.subscribe({ orderId: order.id }, handlers),
    );
    await live.waitFor(1);
    const reconnectsBefore = api.services.realtime.stats().reconnects;
    await sql`select pg_terminate_backend(pid) from pg_stat_activity
              where application_name = 'niaga-realtime' and datname = current_database()`.execute(api.database.db);
    const deadline = Date.now() + 3000;
    while (api.services.realtime.stats().listening && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(api.services.realtime.stats().listening).toBe(false);
    // Committed while the hub has no connection: its notification is lost, the row is not.
    await api.client(seller.token).seller.orders.accept.mutate({ id: order.id });
    const [, message] = await live.waitFor(2, 5000);
    expect(message?.data.transition).toEqual({ from: "paid", to: "processing" });
    expect(api.services.realtime.stats()).toMatchObject({ listening: true, reconnects: reconnectsBefore + 1 });
    live.stop();
  });
});
