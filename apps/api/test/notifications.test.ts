import { dispatchPendingEvents } from "@niaga/core/events/dispatch";
import { createOutboxMailer } from "@niaga/core/mail/mailer";
import { createNotificationsHandler } from "@niaga/core/notifications/notifications.handler";
import { transitionOrder } from "@niaga/core/orders/order-transition";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertOrder } from "../../../packages/core/test/support/order-fixtures.ts";
import { codeOf } from "./support/errors.ts";
import type { TestApi } from "./support/harness.ts";
import { startTestApi } from "./support/harness.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

const dispatch = () =>
  dispatchPendingEvents(api.database.db, {
    handlers: [createNotificationsHandler({ mailerFor: (trx) => createOutboxMailer(trx), currency: "IDR" })],
  });

async function seedInbox(userId: string, count: number) {
  await api.database.db
    .insertInto("notifications")
    .values(
      Array.from({ length: count }, (_, index) => ({
        id: `n-${userId.slice(0, 8)}-${index}`,
        user_id: userId,
        type: "order.status_changed",
        title: `Title ${index}`,
        body: "Body",
        data: JSON.stringify({ orderId: `o${index}` }),
        created_at: new Date(Date.now() - (count - index) * 1000),
      })),
    )
    .execute();
}

describe("notifications over HTTP", () => {
  it("delivers an order's status change to its customer's inbox, which they read and mark read", async () => {
    const me = await api.userWithRole("customer");
    const client = api.client(me.token);
    const order = await insertOrder(api.database.db, { status: "paid", customerId: me.id });
    await transitionOrder(api.database.db, {
      orderId: order.id,
      to: "processing",
      actor: { kind: "seller", userId: order.sellerId, role: "seller" },
    });
    await dispatch();
    const page = await client.customer.notifications.list.query({});
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      type: "order.status_changed",
      title: `Order ${order.number} is being prepared`,
      data: { orderId: order.id, orderNumber: order.number, status: "processing" },
      readAt: null,
    });
    expect(await client.customer.notifications.unreadCount.query()).toEqual({ count: 1 });
    const id = page.items[0]?.id ?? "";
    expect(await client.customer.notifications.markRead.mutate({ id })).toEqual({ updated: 1 });
    expect(await client.customer.notifications.unreadCount.query()).toEqual({ count: 0 });
    const outbox = await api.database.db
      .selectFrom("dev_outbox")
      .select("subject")
      .where("to_address", "=", me.email)
      .execute();
    expect(outbox).toEqual([{ subject: `Order ${order.number} is being prepared` }]);
  });

  it("pages with a cursor, marks all read, and answers NOT_FOUND for another user's notification", async () => {
    const me = await api.userWithRole("seller");
    const other = await api.userWithRole("manager");
    await seedInbox(me.id, 5);
    const client = api.client(me.token);
    const first = await client.customer.notifications.list.query({ limit: 2 });
    expect(first.items.map((item) => item.title)).toEqual(["Title 4", "Title 3"]);
    const rest = await client.customer.notifications.list.query({ limit: 10, cursor: first.nextCursor });
    expect(rest.items.map((item) => item.title)).toEqual(["Title 2", "Title 1", "Title 0"]);
    expect(rest.nextCursor).toBeNull();
    const someone = api.client(other.token);
    expect(await codeOf(someone.customer.notifications.markRead.mutate({ id: first.items[0]?.id ?? "" }))).toBe(
      "NOT_FOUND",
    );
    expect(await someone.customer.notifications.list.query({})).toEqual({ items: [], nextCursor: null });
    expect(await client.customer.notifications.markAllRead.mutate()).toEqual({ updated: 5 });
    expect((await client.customer.notifications.list.query({ unreadOnly: true })).items).toEqual([]);
  });

  it("reads and updates preferences, refusing unknown types and duplicates", async () => {
    const me = await api.userWithRole("customer");
    const client = api.client(me.token);
    const defaults = await client.customer.notifications.preferences.get.query();
    expect(defaults).toHaveLength(9);
    expect(defaults.find((pref) => pref.type === "product.published")).toEqual({
      type: "product.published",
      inApp: true,
      email: false,
    });
    const updated = await client.customer.notifications.preferences.update.mutate({
      preferences: [{ type: "order.status_changed", inApp: true, email: false }],
    });
    expect(updated.find((pref) => pref.type === "order.status_changed")).toEqual({
      type: "order.status_changed",
      inApp: true,
      email: false,
    });
    expect(await client.customer.notifications.preferences.get.query()).toEqual(updated);
    const bad = client.customer.notifications.preferences.update.mutate({
      // @ts-expect-error: not a notification type
      preferences: [{ type: "order.teleported", inApp: true, email: true }],
    });
    expect(await codeOf(bad)).toBe("BAD_REQUEST");
    const twice = client.customer.notifications.preferences.update.mutate({
      preferences: [
        { type: "stock.low", inApp: true, email: true },
        { type: "stock.low", inApp: false, email: true },
      ],
    });
    expect(await codeOf(twice)).toBe("BAD_REQUEST");
  });

  it("is open to every signed-in role and refuses anonymous callers", async () => {
    for (const role of ["customer", "seller", "manager", "admin", "superadmin"] as const) {
      const client = api.client((await api.userWithRole(role)).token);
      expect(await codeOf(client.customer.notifications.unreadCount.query())).toBe("OK");
    }
    const anonymous = api.client();
    expect(await codeOf(anonymous.customer.notifications.list.query({}))).toBe("UNAUTHORIZED");
    expect(await codeOf(anonymous.customer.notifications.markAllRead.mutate())).toBe("UNAUTHORIZED");
  });
});
