import type { EventHandler } from "@niaga/core/events/dispatch";
import { dispatchPendingEvents } from "@niaga/core/events/dispatch";
import { emitDomainEvents } from "@niaga/core/events/domain-events";
import { applyStockChanges } from "@niaga/core/inventory/stock-changes";
import { createOutboxMailer } from "@niaga/core/mail/mailer";
import { createNotificationsHandler } from "@niaga/core/notifications/notifications.handler";
import {
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  unreadNotificationCount,
} from "@niaga/core/notifications/notifications.service";
import { getNotificationPreferences, updateNotificationPreferences } from "@niaga/core/notifications/preferences";
import { transitionOrder } from "@niaga/core/orders/order-transition";
import type { Actor } from "@niaga/core/users/users.service";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertOrder } from "./support/order-fixtures.ts";
import { insertAccount, insertProduct, insertStore } from "./support/review-fixtures.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const handler = () => createNotificationsHandler({ mailerFor: (trx) => createOutboxMailer(trx), currency: "IDR" });
const dispatch = (handlers: EventHandler[] = [handler()]) => dispatchPendingEvents(database.db, { handlers });

async function notificationsOf(userId: string) {
  return database.db
    .selectFrom("notifications")
    .select(["id", "type", "title", "body", "event_id"])
    .where("user_id", "=", userId)
    .orderBy("created_at")
    .execute();
}

async function emailsTo(userId: string) {
  const user = await database.db.selectFrom("user").select("email").where("id", "=", userId).executeTakeFirstOrThrow();
  return database.db
    .selectFrom("dev_outbox")
    .select(["subject", "text_body"])
    .where("to_address", "=", user.email)
    .execute();
}

async function shipEvent(): Promise<{ customerId: string; orderId: string; number: string }> {
  const order = await insertOrder(database.db, { status: "paid" });
  await transitionOrder(database.db, {
    orderId: order.id,
    to: "processing",
    actor: { kind: "seller", userId: order.sellerId, role: "seller" },
  });
  return { customerId: order.customerId, orderId: order.id, number: order.number };
}

describe("event catalog", () => {
  it("refuses unknown types, the wrong aggregate and payloads missing named fields, and writes nothing", async () => {
    const before = await database.db
      .selectFrom("domain_events")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    const attempt = (event: Parameters<typeof emitDomainEvents>[1][number]) =>
      emitDomainEvents(database.db, [event]).then(
        () => "ok",
        (error: Error) => error.message,
      );
    // @ts-expect-error: not a catalog type
    expect(await attempt({ type: "order.teleported", aggregate: { type: "order", id: "o1" } })).toMatch(
      /Unknown domain event/,
    );
    expect(
      await attempt({ type: "stock.low", aggregate: { type: "order", id: "o1" }, payload: { storeId: "s" } }),
    ).toMatch(/about a product/);
    expect(
      await attempt({
        type: "order.placed",
        aggregate: { type: "order", id: "o1" },
        payload: { checkoutId: "c1", total: 1.5 },
      }),
    ).toMatch(/invalid payload/);
    const after = await database.db
      .selectFrom("domain_events")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe("dispatching notifications", () => {
  it("tells the customer when their order changes status, in-app and by email, once", async () => {
    const { customerId, orderId, number } = await shipEvent();
    const event = await database.db
      .selectFrom("domain_events")
      .select(["id", "payload"])
      .where("type", "=", "order.status_changed")
      .where("aggregate_id", "=", orderId)
      .executeTakeFirstOrThrow();
    expect(event.payload).toMatchObject({ from: "paid", to: "processing", customerId });
    await dispatch();
    const inbox = await notificationsOf(customerId);
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ type: "order.status_changed", title: `Order ${number} is being prepared` });
    const mails = await emailsTo(customerId);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe(`Order ${number} is being prepared`);
    expect(mails[0]?.text_body).toContain("Your order");
    const row = await database.db
      .selectFrom("domain_events")
      .select("dispatched_at")
      .where("id", "=", event.id)
      .executeTakeFirstOrThrow();
    expect(row.dispatched_at).toBeInstanceOf(Date);
  });

  it("has the effect of once when the same event is handled twice (replay and concurrent handlers)", async () => {
    const { customerId, orderId } = await shipEvent();
    await dispatch();
    // Replay: the event is undispatched again (a crash after the effects), then dispatched twice at once.
    await database.db
      .updateTable("domain_events")
      .set({ dispatched_at: null })
      .where("aggregate_id", "=", orderId)
      .execute();
    await Promise.all([dispatch(), dispatch(), dispatch()]);
    const event = await database.db
      .selectFrom("domain_events")
      .select("id")
      .where("aggregate_id", "=", orderId)
      .where("type", "=", "order.status_changed")
      .executeTakeFirstOrThrow();
    const replayed = {
      id: Number(event.id),
      type: "order.status_changed",
      aggregateType: "order",
      aggregateId: orderId,
      payload: { to: "processing" },
      createdAt: new Date(),
    };
    await Promise.all([1, 2].map(() => database.db.transaction().execute((trx) => handler().handle(trx, replayed))));
    expect(await notificationsOf(customerId)).toHaveLength(1);
    expect(await emailsTo(customerId)).toHaveLength(1);
  });

  it("respects preferences: email off keeps in-app; in-app off keeps email", async () => {
    const first = await shipEvent();
    const actor: Actor = { userId: first.customerId, role: "customer" };
    const prefs = await updateNotificationPreferences(database.db, actor, {
      preferences: [{ type: "order.status_changed", inApp: true, email: false }],
    });
    expect(prefs.find((pref) => pref.type === "order.status_changed")).toEqual({
      type: "order.status_changed",
      inApp: true,
      email: false,
    });
    expect(prefs.find((pref) => pref.type === "product.published")).toEqual({
      type: "product.published",
      inApp: true,
      email: false,
    });
    await dispatch();
    expect(await notificationsOf(first.customerId)).toHaveLength(1);
    expect(await emailsTo(first.customerId)).toHaveLength(0);

    const second = await shipEvent();
    await updateNotificationPreferences(
      database.db,
      { userId: second.customerId, role: "customer" },
      {
        preferences: [{ type: "order.status_changed", inApp: false, email: true }],
      },
    );
    await dispatch();
    expect(await notificationsOf(second.customerId)).toHaveLength(0);
    expect(await emailsTo(second.customerId)).toHaveLength(1);
    expect(
      (await getNotificationPreferences(database.db, { userId: second.customerId, role: "customer" })).length,
    ).toBe(9);
  });

  it("writes in the user's language", async () => {
    const order = await insertOrder(database.db, { status: "paid" });
    await database.db.updateTable("user").set({ language: "id" }).where("id", "=", order.customerId).execute();
    await transitionOrder(database.db, {
      orderId: order.id,
      to: "processing",
      actor: { kind: "seller", userId: order.sellerId, role: "seller" },
    });
    await dispatch();
    const [note] = await notificationsOf(order.customerId);
    expect(note?.title).toBe(`Pesanan ${order.number} sedang diproses`);
    const [mail] = await emailsTo(order.customerId);
    expect(mail?.text_body).toMatch(/^Halo /);
    expect(mail?.text_body).toContain(`Pesanan Anda ${order.number} kini sedang diproses.`);
  });

  it("reaches a followed store's followers on a new product, managers on an escalation, the seller on low stock", async () => {
    const store = await insertStore(database.db);
    const followers = [await insertAccount(database.db), await insertAccount(database.db)];
    const stranger = await insertAccount(database.db);
    for (const follower of followers) {
      await database.db
        .insertInto("store_follows")
        .values({ customer_id: follower.userId, store_id: store.id })
        .execute();
    }
    const product = await insertProduct(database.db, { storeId: store.id, title: "Teh Tarik" });
    await emitDomainEvents(database.db, [
      {
        type: "product.published",
        aggregate: { type: "product", id: product.id },
        payload: { productId: product.id, storeId: store.id },
      },
    ]);
    const managers = [await insertAccount(database.db, "manager"), await insertAccount(database.db, "manager")];
    const order = await insertOrder(database.db, { status: "delivered" });
    await emitDomainEvents(database.db, [
      {
        type: "complaint.escalated",
        aggregate: { type: "complaint", id: "cmp1" },
        payload: {
          complaintId: "cmp1",
          orderId: order.id,
          customerId: order.customerId,
          storeId: order.storeId,
          status: "escalated",
        },
      },
    ]);
    const location = await database.db
      .insertInto("stock_locations")
      .values({ id: `loc-${product.id}`, store_id: store.id, name: "Gudang", is_default: true })
      .returning("id")
      .executeTakeFirstOrThrow();
    await database.db.transaction().execute((trx) =>
      applyStockChanges(trx, {
        changes: [
          { variantId: product.variantId, locationId: location.id, change: { setOnHand: 20 }, reason: "restock" },
        ],
        actorId: store.ownerId,
      }),
    );
    await database.db.transaction().execute((trx) =>
      applyStockChanges(trx, {
        changes: [
          { variantId: product.variantId, locationId: location.id, change: { setOnHand: 2 }, reason: "correction" },
        ],
        actorId: store.ownerId,
      }),
    );
    await dispatch();
    for (const follower of followers) {
      const [note] = await notificationsOf(follower.userId);
      expect(note).toMatchObject({ type: "product.published", title: "New from Toko Ulasan" });
      expect(await emailsTo(follower.userId)).toHaveLength(0); // in-app only by default
    }
    expect(await notificationsOf(stranger.userId)).toHaveLength(0);
    for (const manager of managers) {
      expect((await notificationsOf(manager.userId)).map((note) => note.type)).toEqual(["complaint.escalated"]);
    }
    const sellerInbox = await notificationsOf(store.ownerId);
    expect(sellerInbox.map((note) => note.type)).toEqual(["stock.low"]);
    expect(sellerInbox[0]?.body).toBe("Only 2 left of Teh Tarik (threshold 5).");
  });

  it("lets one failing event not hold up the others, and records its error", async () => {
    const { customerId } = await shipEvent();
    const bad = await insertAccount(database.db);
    await emitDomainEvents(database.db, [
      {
        type: "checkout.expired",
        aggregate: { type: "checkout", id: "boom" },
        payload: { checkoutId: "boom", customerId: bad.userId },
      },
    ]);
    const exploding: EventHandler = {
      name: "exploding",
      handle: async (_trx, event) => {
        if (event.aggregateId === "boom") throw new Error("handler failed on purpose");
      },
    };
    const result = await dispatch([handler(), exploding]);
    expect(result.failed).toBe(1);
    expect(await notificationsOf(customerId)).toHaveLength(1);
    const row = await database.db
      .selectFrom("domain_events")
      .select(["dispatched_at", "dispatch_attempts", "dispatch_error"])
      .where("aggregate_id", "=", "boom")
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ dispatched_at: null, dispatch_attempts: 1, dispatch_error: "handler failed on purpose" });
    // Without the failing handler it goes through on the next run.
    expect((await dispatch()).dispatched).toBeGreaterThanOrEqual(1);
  });
});

describe("the inbox", () => {
  it("lists newest first with a cursor, counts unread, marks one and all read; another user's id is NOT_FOUND", async () => {
    const user = await insertAccount(database.db);
    const other = await insertAccount(database.db);
    const base = Date.now();
    await database.db
      .insertInto("notifications")
      .values(
        Array.from({ length: 5 }, (_, index) => ({
          id: `n-${user.userId}-${index}`,
          user_id: user.userId,
          type: "order.status_changed",
          title: `Title ${index}`,
          body: "Body",
          data: JSON.stringify({ orderId: `o${index}` }),
          created_at: new Date(base + index * 1000),
        })),
      )
      .execute();
    const first = await listNotifications(database.db, user, { limit: 3, unreadOnly: false });
    expect(first.items.map((item) => item.title)).toEqual(["Title 4", "Title 3", "Title 2"]);
    expect(first.items[0]?.data).toEqual({ orderId: "o4" });
    const second = await listNotifications(database.db, user, {
      limit: 3,
      cursor: first.nextCursor,
      unreadOnly: false,
    });
    expect(second.items.map((item) => item.title)).toEqual(["Title 1", "Title 0"]);
    expect(second.nextCursor).toBeNull();

    expect(await unreadNotificationCount(database.db, user)).toEqual({ count: 5 });
    expect(await markNotificationRead(database.db, user, { id: `n-${user.userId}-4` })).toEqual({ updated: 1 });
    expect(await markNotificationRead(database.db, user, { id: `n-${user.userId}-4` })).toEqual({ updated: 0 });
    await expect(markNotificationRead(database.db, other, { id: `n-${user.userId}-3` })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await unreadNotificationCount(database.db, user)).toEqual({ count: 4 });
    expect((await listNotifications(database.db, user, { limit: 10, unreadOnly: true })).items).toHaveLength(4);
    expect(await markAllNotificationsRead(database.db, user)).toEqual({ updated: 4 });
    expect(await unreadNotificationCount(database.db, user)).toEqual({ count: 0 });
  });
});
