import { autoCompleteDeliveredOrders } from "@niaga/core/orders/auto-complete";
import { cancelCheckoutOrders, markCheckoutOrdersPaid } from "@niaga/core/orders/orders.checkout";
import { listAllOrders, listMyOrders, listStoreOrders, listStuckOrders } from "@niaga/core/orders/orders.read";
import { forceOrderTransition } from "@niaga/core/orders/orders.service";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCheckoutOrders, insertOrder, levelOf, orderState, STOCK_ON_HAND } from "./support/order-fixtures.ts";
import { insertAccount, insertStore } from "./support/review-fixtures.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

describe("checkout-facing steps", () => {
  it("markCheckoutOrdersPaid pays every pending order of the checkout, each with an event", async () => {
    const made = await insertCheckoutOrders(database.db, {
      orders: [{ status: "pending_payment" }, { status: "pending_payment" }, { status: "cancelled" }],
      checkoutStatus: "pending_payment",
    });
    const paid = await database.db.transaction().execute((trx) =>
      markCheckoutOrdersPaid(trx, {
        checkoutId: made.checkoutId,
        actor: { userId: made.customerId, role: "customer" },
      }),
    );
    const [first, second, third] = made.orders;
    expect(paid.sort()).toEqual([first?.id, second?.id].sort());
    for (const order of [first, second]) {
      const state = await orderState(database.db, order?.id ?? "");
      expect(state.order.status).toBe("paid");
      expect(state.order.paid_at).toBeInstanceOf(Date);
      expect(state.lines.map((line) => line.status)).toEqual(["paid"]);
      expect(state.events).toMatchObject([
        { from_status: "pending_payment", to_status: "paid", actor_role: "customer" },
      ]);
    }
    expect((await orderState(database.db, third?.id ?? "")).order.status).toBe("cancelled");
    // Replaying the payment step changes nothing.
    expect(await markCheckoutOrdersPaid(database.db, { checkoutId: made.checkoutId, actor: { userId: null } })).toEqual(
      [],
    );
  });

  it("cancelCheckoutOrders cancels the unpaid orders, releases their stock, and leaves settling to the caller", async () => {
    const made = await insertCheckoutOrders(database.db, {
      orders: [
        { status: "pending_payment", quantity: 2 },
        { status: "pending_payment", quantity: 1 },
      ],
    });
    const cancelled = await cancelCheckoutOrders(database.db, {
      checkoutId: made.checkoutId,
      actor: { userId: null },
      note: "Checkout expired",
    });
    expect(cancelled).toHaveLength(2);
    for (const order of made.orders) {
      const state = await orderState(database.db, order.id);
      expect(state.order.status).toBe("cancelled");
      expect(state.events).toMatchObject([{ to_status: "cancelled", actor_role: "system", note: "Checkout expired" }]);
      expect(await levelOf(database.db, order)).toEqual({ on_hand: STOCK_ON_HAND, reserved: 0 });
    }
    const checkout = await database.db
      .selectFrom("checkouts")
      .select(["status", "closed_at"])
      .where("id", "=", made.checkoutId)
      .executeTakeFirstOrThrow();
    expect(checkout).toEqual({ status: "pending_payment", closed_at: null });
    expect(
      await cancelCheckoutOrders(database.db, { checkoutId: made.checkoutId, actor: { userId: null }, note: "again" }),
    ).toEqual([]);
  });
});

describe("auto-completion", () => {
  it("completes only delivered orders older than the window; a replay changes nothing", async () => {
    const old = await insertOrder(database.db, { status: "delivered", at: { delivered: daysAgo(8) } });
    const older = await insertOrder(database.db, { status: "delivered", at: { delivered: daysAgo(30) } });
    const recent = await insertOrder(database.db, { status: "delivered", at: { delivered: daysAgo(6) } });
    const shipped = await insertOrder(database.db, { status: "shipped", at: { shipped: daysAgo(20) } });
    const completed = await autoCompleteDeliveredOrders(database.db, { olderThanDays: 7, batchSize: 1 });
    expect(completed).toBeGreaterThanOrEqual(2);
    for (const order of [old, older]) {
      const state = await orderState(database.db, order.id);
      expect(state.order.status).toBe("completed");
      expect(state.events).toMatchObject([{ from_status: "delivered", to_status: "completed", actor_role: "system" }]);
    }
    expect((await orderState(database.db, recent.id)).order.status).toBe("delivered");
    expect((await orderState(database.db, shipped.id)).order.status).toBe("shipped");

    const events = async () =>
      Number(
        (
          await database.db
            .selectFrom("order_events")
            .select((eb) => eb.fn.countAll<string>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await events();
    expect(await autoCompleteDeliveredOrders(database.db, { olderThanDays: 7 })).toBe(0);
    expect(await events()).toBe(before);
  });

  it("completes each due order exactly once when runs overlap", async () => {
    const due = [];
    for (let index = 0; index < 12; index++) {
      due.push(await insertOrder(database.db, { status: "delivered", at: { delivered: daysAgo(9) } }));
    }
    const runs = await Promise.all(
      Array.from({ length: 4 }, () => autoCompleteDeliveredOrders(database.db, { olderThanDays: 7, batchSize: 3 })),
    );
    expect(runs.reduce((sum, count) => sum + count, 0)).toBe(12);
    for (const order of due) {
      const state = await orderState(database.db, order.id);
      expect(state.events.map((event) => event.to_status)).toEqual(["completed"]);
    }
  });
});

describe("manager force", () => {
  it("requires a reason, and writes the event and audit_log together", async () => {
    const manager = await insertAccount(database.db, "manager");
    const order = await insertOrder(database.db, { status: "shipped", quantity: 2 });
    const blank = await forceOrderTransition(database.db, manager, {
      id: order.id,
      to: "cancelled",
      reason: "   ",
    }).catch((error) => error);
    expect(blank).toMatchObject({ code: "INVALID", fields: { reason: expect.any(Array) } });
    expect((await orderState(database.db, order.id)).events).toHaveLength(0);

    const view = await forceOrderTransition(database.db, manager, {
      id: order.id,
      to: "cancelled",
      reason: "Parcel lost by courier",
    });
    expect(view.status).toBe("cancelled");
    expect(view.events).toMatchObject([{ fromStatus: "shipped", toStatus: "cancelled", actorId: manager.userId }]);
    expect(view.events[0]?.note).toBe("Forced by staff: Parcel lost by courier · No captured payment to refund");
    // A forced cancel puts committed stock back, as every cancel does.
    expect(await levelOf(database.db, order)).toEqual({ on_hand: STOCK_ON_HAND, reserved: 0 });
    const audit = await database.db
      .selectFrom("audit_log")
      .selectAll()
      .where("target_type", "=", "order")
      .where("target_id", "=", order.id)
      .execute();
    expect(audit).toMatchObject([
      {
        actor_id: manager.userId,
        action: "order.force_transition",
        data: { from: "shipped", to: "cancelled", reason: "Parcel lost by courier" },
      },
    ]);
    // Cancelled is terminal, even for staff; the refusal writes no audit row.
    expect(
      await forceOrderTransition(database.db, manager, { id: order.id, to: "paid", reason: "Reopen it" }).catch(
        (error) => error.message,
      ),
    ).toBe("An order that is cancelled cannot be marked paid");
    expect(
      await database.db.selectFrom("audit_log").select("id").where("target_id", "=", order.id).execute(),
    ).toHaveLength(1);
  });
});

describe("listings", () => {
  it("pages a customer's own orders newest first and filters by status", async () => {
    const customer = await insertAccount(database.db, "customer");
    const ids: string[] = [];
    for (let index = 0; index < 5; index++) {
      const order = await insertOrder(database.db, {
        customerId: customer.userId,
        status: index % 2 ? "paid" : "pending_payment",
        createdAt: new Date(Date.now() - (10 - index) * 60_000),
      });
      ids.push(order.id);
    }
    await insertOrder(database.db, { status: "paid" });
    const first = await listMyOrders(database.db, customer, { limit: 3 });
    expect(first.items.map((item) => item.id)).toEqual([ids[4], ids[3], ids[2]]);
    const second = await listMyOrders(database.db, customer, { limit: 3, cursor: first.nextCursor });
    expect(second.items.map((item) => item.id)).toEqual([ids[1], ids[0]]);
    expect(second.nextCursor).toBeNull();
    const paid = await listMyOrders(database.db, customer, { limit: 10, status: "paid" });
    expect(paid.items.map((item) => item.id)).toEqual([ids[3], ids[1]]);
    expect(paid.items[0]).toMatchObject({ itemCount: 1, store: { id: expect.any(String) } });
  });

  it("lists a store's orders only, by status, date range and order-number prefix", async () => {
    const store = await insertStore(database.db);
    const seller = { userId: store.ownerId, role: "seller" as const };
    const a = await insertOrder(database.db, {
      storeId: store.id,
      status: "paid",
      number: "NG-A1%X",
      createdAt: daysAgo(3),
    });
    const b = await insertOrder(database.db, {
      storeId: store.id,
      status: "shipped",
      number: "NG-A2",
      createdAt: daysAgo(1),
    });
    const c = await insertOrder(database.db, { storeId: store.id, status: "paid", number: "NG-B1" });
    await insertOrder(database.db, { status: "paid", number: "NG-A9" });
    const ids = async (input: Parameters<typeof listStoreOrders>[2]) =>
      (await listStoreOrders(database.db, seller, input)).items.map((item) => item.id);
    expect(await ids({ limit: 10 })).toEqual([c.id, b.id, a.id]);
    expect(await ids({ limit: 10, status: "paid" })).toEqual([c.id, a.id]);
    expect(await ids({ limit: 10, search: "NG-A" })).toEqual([b.id, a.id]);
    // Wildcards in the search are literal.
    expect(await ids({ limit: 10, search: "NG-A1%" })).toEqual([a.id]);
    expect(await ids({ limit: 10, search: "NG-_2" })).toEqual([]);
    expect(await ids({ limit: 10, from: daysAgo(2), to: daysAgo(0.5) })).toEqual([b.id]);
    const [row] = (await listStoreOrders(database.db, seller, { limit: 1 })).items;
    expect(Object.keys(row ?? {}).sort()).toEqual(
      ["createdAt", "id", "itemCount", "number", "paidAt", "recipient", "status", "total", "updatedAt"].sort(),
    );
    expect(row?.recipient).toEqual({ name: "Siti Rahma", phone: "+628123456789", city: "Bandung" });
  });

  it("shows staff every store's orders and the stuck ones: paid or processing, unshipped past N days", async () => {
    const store = await insertStore(database.db);
    const stuckPaid = await insertOrder(database.db, { storeId: store.id, status: "paid", at: { paid: daysAgo(5) } });
    const stuckProcessing = await insertOrder(database.db, {
      storeId: store.id,
      status: "processing",
      at: { paid: daysAgo(4) },
    });
    await insertOrder(database.db, { storeId: store.id, status: "paid", at: { paid: daysAgo(1) } });
    await insertOrder(database.db, { storeId: store.id, status: "shipped", at: { paid: daysAgo(9) } });
    const all = await listAllOrders(database.db, { limit: 10, storeId: store.id });
    expect(all.items).toHaveLength(4);
    expect(all.items[0]).toHaveProperty("customerId");

    const stuck = await listStuckOrders(database.db, { olderThanDays: 3, limit: 100 });
    const mine = stuck.items.filter((item) => item.store.id === store.id).map((item) => item.id);
    expect(mine).toEqual([stuckPaid.id, stuckProcessing.id]);
    const week = await listStuckOrders(database.db, { olderThanDays: 7, limit: 100 });
    expect(week.items.filter((item) => item.store.id === store.id)).toEqual([]);
    const paged = await listStuckOrders(database.db, { olderThanDays: 3, limit: 1 });
    const next = await listStuckOrders(database.db, { olderThanDays: 3, limit: 100, cursor: paged.nextCursor });
    expect([...paged.items, ...next.items].map((item) => item.id)).toEqual(stuck.items.map((item) => item.id));
  });
});
