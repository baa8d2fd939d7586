import { markCheckoutPaid } from "@niaga/core/checkout/checkout-payment";
import type { OrderActorKind } from "@niaga/core/orders/order-state";
import { canTransition, ORDER_STATUS_LIST, ORDER_TRANSITIONS } from "@niaga/core/orders/order-state";
import type { OrderActor } from "@niaga/core/orders/order-transition";
import { transitionOrder } from "@niaga/core/orders/order-transition";
import {
  acceptOrder,
  cancelMyOrder,
  confirmReceipt,
  markOrderDelivered,
  shipOrder,
} from "@niaga/core/orders/orders.service";
import type { OrderStatus } from "@niaga/db";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCheckoutOrders, insertOrder, levelOf, orderState, STOCK_ON_HAND } from "./support/order-fixtures.ts";
import { insertAccount } from "./support/review-fixtures.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

async function outcome(promise: Promise<unknown>) {
  return promise.then(
    () => "OK",
    (error: { code?: string; message?: string }) => error.code ?? `ERROR ${error.message}`,
  );
}

const KINDS: OrderActorKind[] = ["customer", "seller", "system", "manager"];
const TIMESTAMP: Record<Exclude<OrderStatus, "pending_payment">, string> = {
  paid: "paid_at",
  processing: "processing_at",
  shipped: "shipped_at",
  delivered: "delivered_at",
  completed: "completed_at",
  cancelled: "cancelled_at",
};

/** The actor of each kind for an order: its own customer, its own store's seller, staff, or the system. */
function actorFor(
  kind: OrderActorKind,
  order: { customerId: string; sellerId: string },
  managerId: string,
): OrderActor {
  if (kind === "customer") return { kind, userId: order.customerId, role: "customer" };
  if (kind === "seller") return { kind, userId: order.sellerId, role: "seller" };
  if (kind === "manager") return { kind, userId: managerId, role: "manager" };
  return { kind, userId: null, role: "system" };
}

describe("the transition table", () => {
  it("lets every allowed (from, to, actor) through, stamping the order, its lines and an event", async () => {
    const manager = await insertAccount(database.db, "manager");
    expect(ORDER_TRANSITIONS.length).toBeGreaterThan(20);
    for (const rule of ORDER_TRANSITIONS) {
      const order = await insertOrder(database.db, { status: rule.from });
      const actor = actorFor(rule.actor, order, manager.userId);
      const result = await transitionOrder(database.db, { orderId: order.id, to: rule.to, actor, note: "test" });
      expect(result, `${rule.from} → ${rule.to} by ${rule.actor}`).toMatchObject({ from: rule.from, to: rule.to });
      const state = await orderState(database.db, order.id);
      expect(state.order.status).toBe(rule.to);
      if (rule.to !== "pending_payment") {
        expect(state.order[TIMESTAMP[rule.to] as keyof typeof state.order]).toBeInstanceOf(Date);
      }
      expect(state.lines.map((line) => line.status)).toEqual([rule.to]);
      expect(state.events).toHaveLength(1);
      expect(state.events[0]).toMatchObject({
        from_status: rule.from,
        to_status: rule.to,
        actor_id: actor.userId,
        actor_role: actor.role,
      });
      expect(state.events[0]?.note).toMatch(/^test/);
    }
  });

  it("refuses every forbidden (from, to, actor) with a specific CONFLICT and changes nothing", async () => {
    const manager = await insertAccount(database.db, "manager");
    let refused = 0;
    for (const from of ORDER_STATUS_LIST) {
      // A refusal changes nothing, so one order per starting state serves the whole row of the matrix.
      const order = await insertOrder(database.db, { status: from });
      const before = await levelOf(database.db, order);
      for (const to of ORDER_STATUS_LIST) {
        for (const kind of KINDS) {
          if (canTransition(from, to, kind)) continue;
          const error = await transitionOrder(database.db, {
            orderId: order.id,
            to,
            actor: actorFor(kind, order, manager.userId),
          }).catch((caught: { code?: string; message?: string }) => caught);
          expect(error, `${from} → ${to} by ${kind}`).toMatchObject({ code: "CONFLICT" });
          expect((error as Error).message).toMatch(
            new RegExp(`^An order that is ${from.replace("_", " ")} cannot be `),
          );
          refused += 1;
        }
      }
      const state = await orderState(database.db, order.id);
      expect(state.order.status).toBe(from);
      expect(state.events).toHaveLength(0);
      expect(await levelOf(database.db, order)).toEqual(before);
    }
    expect(refused).toBe(ORDER_STATUS_LIST.length * ORDER_STATUS_LIST.length * KINDS.length - ORDER_TRANSITIONS.length);
  });

  it("words refusals for people", async () => {
    const order = await insertOrder(database.db, { status: "shipped" });
    const customer = { userId: order.customerId, role: "customer" as const };
    await expect(cancelMyOrder(database.db, customer, { id: order.id })).rejects.toThrow(
      "An order that is shipped cannot be cancelled",
    );
    const pending = await insertOrder(database.db, { status: "pending_payment" });
    await expect(
      acceptOrder(database.db, { userId: pending.sellerId, role: "seller" }, { id: pending.id }),
    ).rejects.toThrow("An order that is pending payment cannot be accepted");
  });
});

describe("customer actions", () => {
  // Regression: a transition used to rewrite every line's status, turning a refunded line back.
  it("leaves a line refunded through a complaint refunded when the order moves on", async () => {
    const order = await insertOrder(database.db, { status: "delivered" });
    await database.db.updateTable("order_lines").set({ status: "refunded" }).where("order_id", "=", order.id).execute();
    await confirmReceipt(database.db, { userId: order.customerId, role: "customer" }, { id: order.id });
    const lines = await database.db
      .selectFrom("order_lines")
      .select("status")
      .where("order_id", "=", order.id)
      .execute();
    expect(lines.map((line) => line.status)).toEqual(["refunded"]);
  });

  it("cancels an unpaid order: the hold is released and the single-order checkout closes", async () => {
    const order = await insertOrder(database.db, { status: "pending_payment", quantity: 3 });
    expect(await levelOf(database.db, order)).toEqual({ on_hand: STOCK_ON_HAND, reserved: 3 });
    const view = await cancelMyOrder(
      database.db,
      { userId: order.customerId, role: "customer" },
      { id: order.id, reason: "Changed my mind" },
    );
    expect(view.status).toBe("cancelled");
    expect(view.events.map((event) => [event.fromStatus, event.toStatus, event.note])).toEqual([
      ["pending_payment", "cancelled", "Changed my mind"],
    ]);
    expect(await levelOf(database.db, order)).toEqual({ on_hand: STOCK_ON_HAND, reserved: 0 });
    const checkout = await database.db
      .selectFrom("checkouts")
      .select(["status", "closed_at"])
      .where("id", "=", order.checkoutId)
      .executeTakeFirstOrThrow();
    expect(checkout.status).toBe("cancelled");
    expect(checkout.closed_at).toBeInstanceOf(Date);
  });

  it("cancels a paid order before processing: stock goes back on hand and the refund is noted", async () => {
    const made = await insertCheckoutOrders(database.db, {
      orders: [
        { status: "paid", quantity: 2 },
        { status: "paid", quantity: 1 },
      ],
    });
    const customer = { userId: made.customerId, role: "customer" as const };
    const [first, second] = made.orders;
    if (!first || !second) throw new Error("fixture");
    expect(await levelOf(database.db, first)).toEqual({ on_hand: STOCK_ON_HAND - 2, reserved: 0 });
    const view = await cancelMyOrder(database.db, customer, { id: first.id });
    // The fixture marks orders paid with no captured payment, so there is nothing to send back
    // (refunds of captured payments: checkout-settlement.test.ts, "cancelling a paid order").
    expect(view.events[0]?.note).toBe("No captured payment to refund");
    expect(await levelOf(database.db, first)).toEqual({ on_hand: STOCK_ON_HAND, reserved: 0 });
    const closedAt = () =>
      database.db
        .selectFrom("checkouts")
        .select(["status", "closed_at"])
        .where("id", "=", made.checkoutId)
        .executeTakeFirstOrThrow();
    // One order of the checkout is still open: the checkout stays open.
    expect((await closedAt()).closed_at).toBeNull();
    await cancelMyOrder(database.db, customer, { id: second.id });
    expect(await closedAt()).toMatchObject({ status: "paid", closed_at: expect.any(Date) });
    // Cancelling twice is refused and restocks nothing more.
    expect(await outcome(cancelMyOrder(database.db, customer, { id: second.id }))).toBe("CONFLICT");
    expect(await levelOf(database.db, second)).toEqual({ on_hand: STOCK_ON_HAND, reserved: 0 });
  });

  it("confirms receipt of a shipped order as delivered then completed, and of a delivered one as completed", async () => {
    const shipped = await insertOrder(database.db, { status: "shipped" });
    const view = await confirmReceipt(
      database.db,
      { userId: shipped.customerId, role: "customer" },
      { id: shipped.id },
    );
    expect(view.status).toBe("completed");
    expect(view.events.map((event) => `${event.fromStatus}>${event.toStatus}:${event.actorRole}`)).toEqual([
      "shipped>delivered:customer",
      "delivered>completed:customer",
    ]);
    expect(view.times.deliveredAt).toBeInstanceOf(Date);
    const state = await orderState(database.db, shipped.id);
    expect(state.lines).toEqual([{ status: "completed", delivered_at: expect.any(Date) }]);

    const delivered = await insertOrder(database.db, { status: "delivered" });
    const done = await confirmReceipt(
      database.db,
      { userId: delivered.customerId, role: "customer" },
      { id: delivered.id },
    );
    expect(done.events.map((event) => event.toStatus)).toEqual(["completed"]);

    const early = await insertOrder(database.db, { status: "processing" });
    await expect(
      confirmReceipt(database.db, { userId: early.customerId, role: "customer" }, { id: early.id }),
    ).rejects.toThrow("An order that is processing cannot be completed");
  });

  it("answers NOT_FOUND for another customer's order and changes nothing", async () => {
    const order = await insertOrder(database.db, { status: "pending_payment" });
    const stranger = await insertAccount(database.db, "customer");
    expect(await outcome(cancelMyOrder(database.db, stranger, { id: order.id }))).toBe("NOT_FOUND");
    expect(await outcome(confirmReceipt(database.db, stranger, { id: order.id }))).toBe("NOT_FOUND");
    expect((await orderState(database.db, order.id)).order.status).toBe("pending_payment");
  });
});

describe("seller actions", () => {
  it("accepts, ships with courier and tracking number, and marks delivered", async () => {
    const order = await insertOrder(database.db, { status: "paid" });
    const seller = { userId: order.sellerId, role: "seller" as const };
    expect((await acceptOrder(database.db, seller, { id: order.id })).status).toBe("processing");
    const shipped = await shipOrder(database.db, seller, {
      id: order.id,
      courier: "SiCepat",
      trackingNumber: "SC-0001",
    });
    expect(shipped.shipping).toMatchObject({ courier: "jne", shippedCourier: "SiCepat", trackingNumber: "SC-0001" });
    expect(shipped.events.at(-1)?.note).toBe("Shipped with SiCepat, tracking number SC-0001");
    const delivered = await markOrderDelivered(database.db, seller, { id: order.id });
    expect(delivered.status).toBe("delivered");
    expect(delivered.events.map((event) => event.toStatus)).toEqual(["processing", "shipped", "delivered"]);
    expect(delivered.lines[0]?.status).toBe("delivered");
  });

  it("refuses shipping without a courier or tracking number", async () => {
    const order = await insertOrder(database.db, { status: "processing" });
    const seller = { userId: order.sellerId, role: "seller" as const };
    const error = await shipOrder(database.db, seller, { id: order.id, courier: " ", trackingNumber: "" }).catch(
      (caught) => caught,
    );
    expect(error).toMatchObject({
      code: "INVALID",
      fields: { courier: expect.any(Array), trackingNumber: expect.any(Array) },
    });
    expect((await orderState(database.db, order.id)).order.status).toBe("processing");
  });

  it("answers NOT_FOUND for another store's order", async () => {
    const order = await insertOrder(database.db, { status: "paid" });
    const other = await insertOrder(database.db, { status: "paid" });
    const seller = { userId: other.sellerId, role: "seller" as const };
    expect(await outcome(acceptOrder(database.db, seller, { id: order.id }))).toBe("NOT_FOUND");
    expect((await orderState(database.db, order.id)).order.status).toBe("paid");
  });
});

describe("concurrent transitions", () => {
  it("lets exactly one of 10 concurrent accepts through, with one event", async () => {
    const order = await insertOrder(database.db, { status: "paid" });
    const seller = { userId: order.sellerId, role: "seller" as const };
    const results = await Promise.all(
      Array.from({ length: 10 }, () => outcome(acceptOrder(database.db, seller, { id: order.id }))),
    );
    expect(results.filter((result) => result === "OK")).toHaveLength(1);
    expect(results.filter((result) => result === "CONFLICT")).toHaveLength(9);
    expect((await orderState(database.db, order.id)).events).toHaveLength(1);
  });

  it("lets exactly one of a racing cancel and accept win, and stock agrees with the winner", async () => {
    for (let round = 0; round < 5; round++) {
      const order = await insertOrder(database.db, { status: "paid", quantity: 2 });
      const results = await Promise.all([
        outcome(cancelMyOrder(database.db, { userId: order.customerId, role: "customer" }, { id: order.id })),
        outcome(acceptOrder(database.db, { userId: order.sellerId, role: "seller" }, { id: order.id })),
      ]);
      expect(results.filter((result) => result === "OK")).toHaveLength(1);
      expect(results.filter((result) => result === "CONFLICT")).toHaveLength(1);
      const state = await orderState(database.db, order.id);
      expect(state.events).toHaveLength(1);
      const level = await levelOf(database.db, order);
      expect(level.on_hand).toBe(state.order.status === "cancelled" ? STOCK_ON_HAND : STOCK_ON_HAND - 2);
    }
  });

  it("lets exactly one of 8 concurrent receipt confirmations complete a shipped order", async () => {
    const order = await insertOrder(database.db, { status: "shipped" });
    const customer = { userId: order.customerId, role: "customer" as const };
    const results = await Promise.all(
      Array.from({ length: 8 }, () => outcome(confirmReceipt(database.db, customer, { id: order.id }))),
    );
    expect(results.filter((result) => result === "OK")).toHaveLength(1);
    expect((await orderState(database.db, order.id)).events.map((event) => event.to_status)).toEqual([
      "delivered",
      "completed",
    ]);
  });

  it("races a customer's cancel against the payment of its checkout without deadlock; stock agrees", async () => {
    for (let round = 0; round < 5; round++) {
      const made = await insertCheckoutOrders(database.db, {
        orders: [
          { status: "pending_payment", quantity: 2 },
          { status: "pending_payment", quantity: 3 },
        ],
      });
      const [cancelled, kept] = made.orders;
      if (!cancelled || !kept) throw new Error("fixture");
      const results = await Promise.all([
        outcome(cancelMyOrder(database.db, { userId: made.customerId, role: "customer" }, { id: cancelled.id })),
        outcome(markCheckoutPaid(database.db, { checkoutId: made.checkoutId, provider: "sandbox" })),
      ]);
      expect(results).toEqual(["OK", "OK"]);
      expect((await orderState(database.db, cancelled.id)).order.status).toBe("cancelled");
      expect((await orderState(database.db, kept.id)).order.status).toBe("paid");
      // Whichever ran first, the cancelled order's units are back and the paid one's are sold.
      expect(await levelOf(database.db, cancelled)).toEqual({ on_hand: STOCK_ON_HAND, reserved: 0 });
      expect(await levelOf(database.db, kept)).toEqual({ on_hand: STOCK_ON_HAND - 3, reserved: 0 });
    }
  });
});
