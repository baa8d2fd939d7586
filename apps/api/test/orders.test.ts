import type { Role } from "@niaga/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertOrder } from "../../../packages/core/test/support/order-fixtures.ts";
import { insertStore } from "../../../packages/core/test/support/review-fixtures.ts";
import { codeOf } from "./support/errors.ts";
import type { TestApi } from "./support/harness.ts";
import { startTestApi } from "./support/harness.ts";

let api: TestApi;
type Account = { id: string; email: string; token: string };
let customerA: Account;
let customerB: Account;
let sellerA: Account;
let sellerB: Account;
let manager: Account;
let storeA: string;
let storeB: string;

beforeAll(async () => {
  api = await startTestApi();
  customerA = await api.userWithRole("customer");
  customerB = await api.userWithRole("customer");
  sellerA = await api.userWithRole("seller");
  sellerB = await api.userWithRole("seller");
  manager = await api.userWithRole("manager");
  storeA = (await insertStore(api.database.db, { ownerId: sellerA.id })).id;
  storeB = (await insertStore(api.database.db, { ownerId: sellerB.id })).id;
});
afterAll(() => api.stop());

const DAY = 86_400_000;

describe("orders over HTTP", () => {
  it("runs the lifecycle: seller accepts, ships, delivers; the customer confirms receipt", async () => {
    const order = await insertOrder(api.database.db, { customerId: customerA.id, storeId: storeA, status: "paid" });
    const seller = api.client(sellerA.token).seller.orders;
    expect((await seller.accept.mutate({ id: order.id })).status).toBe("processing");
    const shipped = await seller.ship.mutate({ id: order.id, courier: "JNE", trackingNumber: "JNE-123456" });
    expect(shipped.shipping.trackingNumber).toBe("JNE-123456");
    expect((await seller.markDelivered.mutate({ id: order.id })).status).toBe("delivered");

    const customer = api.client(customerA.token).customer.orders;
    const done = await customer.confirmReceipt.mutate({ id: order.id });
    expect(done.status).toBe("completed");
    const view = await customer.get.query({ id: order.id });
    expect(view.events.map((event) => `${event.fromStatus}>${event.toStatus}`)).toEqual([
      "paid>processing",
      "processing>shipped",
      "shipped>delivered",
      "delivered>completed",
    ]);
    expect(view.lines[0]).toMatchObject({ quantity: 1, unitPrice: 85_000, lineTotal: 85_000, status: "completed" });
    expect((await customer.list.query({ limit: 10, status: "completed" })).items.map((item) => item.id)).toContain(
      order.id,
    );
    expect(await codeOf(customer.cancel.mutate({ id: order.id }))).toBe("CONFLICT");
  });

  it("lets a customer cancel an unpaid order, with a clear refusal once shipped", async () => {
    const unpaid = await insertOrder(api.database.db, { customerId: customerA.id, status: "pending_payment" });
    const customer = api.client(customerA.token).customer.orders;
    expect((await customer.cancel.mutate({ id: unpaid.id, reason: "Wrong size" })).status).toBe("cancelled");
    const shipped = await insertOrder(api.database.db, { customerId: customerA.id, status: "shipped" });
    await expect(customer.cancel.mutate({ id: shipped.id })).rejects.toThrow(
      "An order that is shipped cannot be cancelled",
    );
  });

  it("shows each customer only their own orders", async () => {
    const order = await insertOrder(api.database.db, { customerId: customerA.id, status: "pending_payment" });
    const other = api.client(customerB.token).customer.orders;
    expect(await codeOf(other.get.query({ id: order.id }))).toBe("NOT_FOUND");
    expect(await codeOf(other.cancel.mutate({ id: order.id }))).toBe("NOT_FOUND");
    expect(await codeOf(other.confirmReceipt.mutate({ id: order.id }))).toBe("NOT_FOUND");
    expect((await other.list.query({ limit: 100 })).items.map((item) => item.id)).not.toContain(order.id);
    expect((await api.client(customerA.token).customer.orders.get.query({ id: order.id })).status).toBe(
      "pending_payment",
    );
  });

  it("shows each seller only their store's orders, with no buyer email or user id", async () => {
    const order = await insertOrder(api.database.db, { customerId: customerA.id, storeId: storeA, status: "paid" });
    const otherStore = await insertOrder(api.database.db, {
      customerId: customerA.id,
      storeId: storeB,
      status: "paid",
    });
    const seller = api.client(sellerA.token).seller.orders;
    const list = await seller.list.query({ limit: 100 });
    expect(list.items.map((item) => item.id)).toContain(order.id);
    expect(list.items.map((item) => item.id)).not.toContain(otherStore.id);
    expect(await codeOf(seller.get.query({ id: otherStore.id }))).toBe("NOT_FOUND");
    expect(await codeOf(seller.accept.mutate({ id: otherStore.id }))).toBe("NOT_FOUND");

    await api.client(customerA.token).customer.orders.cancel.mutate({ id: order.id, reason: "Found it cheaper" });
    const detail = await seller.get.query({ id: order.id });
    expect(detail.shipping.address).toMatchObject({ recipient: "Siti Rahma", phone: "+628123456789" });
    expect(detail.events).toMatchObject([{ toStatus: "cancelled", actorRole: "customer" }]);
    for (const body of [JSON.stringify(list), JSON.stringify(detail)]) {
      expect(body).not.toContain(customerA.email);
      expect(body).not.toContain(customerA.id);
    }
  });

  it("gives managers every store's orders, the stuck view with the configured default, and audited force", async () => {
    const staff = api.client(manager.token).manager.orders;
    const stuck = await insertOrder(api.database.db, {
      storeId: storeB,
      status: "paid",
      at: { paid: new Date(Date.now() - 4 * DAY) },
    });
    const fresh = await insertOrder(api.database.db, {
      storeId: storeB,
      status: "paid",
      at: { paid: new Date(Date.now() - 2 * DAY) },
    });
    expect(api.config.ORDER_STUCK_DAYS).toBe(3);
    const view = (await staff.stuck.query({ limit: 100 })).items.map((item) => item.id);
    expect(view).toContain(stuck.id);
    expect(view).not.toContain(fresh.id);
    expect((await staff.stuck.query({ limit: 100, olderThanDays: 1 })).items.map((item) => item.id)).toContain(
      fresh.id,
    );
    const all = await staff.list.query({ limit: 100, storeId: storeB });
    expect(all.items.map((item) => item.id)).toEqual(expect.arrayContaining([stuck.id, fresh.id]));

    expect(await codeOf(staff.forceTransition.mutate({ id: stuck.id, to: "processing", reason: "" }))).toBe(
      "BAD_REQUEST",
    );
    const forced = await staff.forceTransition.mutate({ id: stuck.id, to: "cancelled", reason: "Store unreachable" });
    expect(forced.events.at(-1)).toMatchObject({ toStatus: "cancelled", actorId: manager.id, actorRole: "manager" });
    const audit = await api.database.db
      .selectFrom("audit_log")
      .select(["actor_id", "action", "request_id"])
      .where("target_id", "=", stuck.id)
      .execute();
    expect(audit).toEqual([{ actor_id: manager.id, action: "order.force_transition", request_id: expect.any(String) }]);
    expect((await staff.get.query({ id: stuck.id })).status).toBe("cancelled");
  });

  it("refuses every order procedure to roles outside its audience", async () => {
    const id = "no-such-order";
    const calls = {
      "customer.orders.list": (c: ReturnType<TestApi["client"]>) => c.customer.orders.list.query({ limit: 1 }),
      "customer.orders.get": (c: ReturnType<TestApi["client"]>) => c.customer.orders.get.query({ id }),
      "customer.orders.cancel": (c: ReturnType<TestApi["client"]>) => c.customer.orders.cancel.mutate({ id }),
      "customer.orders.confirmReceipt": (c: ReturnType<TestApi["client"]>) =>
        c.customer.orders.confirmReceipt.mutate({ id }),
      "seller.orders.list": (c: ReturnType<TestApi["client"]>) => c.seller.orders.list.query({ limit: 1 }),
      "seller.orders.get": (c: ReturnType<TestApi["client"]>) => c.seller.orders.get.query({ id }),
      "seller.orders.accept": (c: ReturnType<TestApi["client"]>) => c.seller.orders.accept.mutate({ id }),
      "seller.orders.ship": (c: ReturnType<TestApi["client"]>) =>
        c.seller.orders.ship.mutate({ id, courier: "JNE", trackingNumber: "JNE-1" }),
      "seller.orders.markDelivered": (c: ReturnType<TestApi["client"]>) => c.seller.orders.markDelivered.mutate({ id }),
      "manager.orders.list": (c: ReturnType<TestApi["client"]>) => c.manager.orders.list.query({ limit: 1 }),
      "manager.orders.get": (c: ReturnType<TestApi["client"]>) => c.manager.orders.get.query({ id }),
      "manager.orders.stuck": (c: ReturnType<TestApi["client"]>) => c.manager.orders.stuck.query({ limit: 1 }),
      "manager.orders.forceTransition": (c: ReturnType<TestApi["client"]>) =>
        c.manager.orders.forceTransition.mutate({ id, to: "cancelled", reason: "Testing access" }),
    };
    const audience: Record<string, Role[]> = {
      customer: ["customer", "seller"],
      seller: ["seller"],
      manager: ["manager", "admin", "superadmin"],
    };
    const roles: Role[] = ["customer", "seller", "manager", "admin", "superadmin"];
    const tokens = new Map<Role, string>();
    for (const role of roles) tokens.set(role, (await api.userWithRole(role)).token);
    const seen: string[] = [];
    for (const [path, call] of Object.entries(calls)) {
      const allowed = audience[path.split(".")[0] ?? ""] ?? [];
      seen.push(`${path} anonymous ${await codeOf(call(api.client()))}`);
      for (const role of roles) {
        const code = await codeOf(call(api.client(tokens.get(role))));
        seen.push(`${path} ${role} ${allowed.includes(role) ? (code === "FORBIDDEN" ? "FORBIDDEN" : "in") : code}`);
      }
    }
    const expected = Object.keys(calls).flatMap((path) => {
      const allowed = audience[path.split(".")[0] ?? ""] ?? [];
      return [
        `${path} anonymous UNAUTHORIZED`,
        ...roles.map((role) => `${path} ${role} ${allowed.includes(role) ? "in" : "FORBIDDEN"}`),
      ];
    });
    expect(seen).toEqual(expected);
  });
});
