import type { LiveNotificationMessage, LiveOrderMessage } from "@niaga/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertOrder } from "../../../packages/core/test/support/order-fixtures.ts";
import { insertStore } from "../../../packages/core/test/support/review-fixtures.ts";
import type { TestApi } from "./support/harness.ts";
import { startTestApi } from "./support/harness.ts";
import { collect, liveClient } from "./support/live.ts";
import type { NiagaProcess } from "./support/processes.ts";
import { startProcess } from "./support/processes.ts";

// Two API instances and one worker as separate Node processes on one database, as production runs
// them: what a request to instance B commits reaches a subscriber on instance A through
// PostgreSQL LISTEN/NOTIFY, and a client that reconnects with its last event id gets what it missed.

let api: TestApi;
let a: NiagaProcess;
let b: NiagaProcess;
let worker: NiagaProcess;
let customer: { id: string; token: string };
let seller: { id: string; token: string };
let storeId: string;

beforeAll(async () => {
  // The in-process API only creates accounts (its sessions are rows, valid on every instance).
  api = await startTestApi();
  [a, b, worker] = await Promise.all([
    startProcess({ mode: "--api-only", databaseUrl: api.database.url }),
    startProcess({ mode: "--api-only", databaseUrl: api.database.url }),
    startProcess({ mode: "--worker-only", databaseUrl: api.database.url }),
  ]);
  customer = await api.userWithRole("customer");
  seller = await api.userWithRole("seller");
  storeId = (await insertStore(api.database.db, { ownerId: seller.id })).id;
}, 180_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop(), worker?.stop()]);
  await api?.stop();
});

describe("real-time across instances", () => {
  it("delivers to a subscriber on instance A, within a second, the status change made through instance B", async () => {
    const order = await insertOrder(api.database.db, { customerId: customer.id, storeId, status: "paid" });
    const live = collect<LiveOrderMessage>((handlers) =>
      liveClient(a.url, customer.token).customer.live.order.subscribe({ orderId: order.id }, handlers),
    );
    await live.waitFor(1);

    await liveClient(b.url, seller.token).seller.orders.accept.mutate({ id: order.id });
    const committedAt = Date.now();
    const [, change] = await live.waitFor(2, 1000);
    expect(Date.now() - committedAt).toBeLessThan(1000);
    expect(change?.data).toMatchObject({
      event: { type: "order.status_changed" },
      transition: { from: "paid", to: "processing" },
      order: { id: order.id, status: "processing" },
    });
    live.stop();
  });

  it("replays the missed events to a client that reconnects with its last event id after its instance restarts", async () => {
    const order = await insertOrder(api.database.db, { customerId: customer.id, storeId, status: "paid" });
    const live = collect<LiveOrderMessage>((handlers) =>
      liveClient(a.url, customer.token).customer.live.order.subscribe({ orderId: order.id }, handlers),
    );
    await live.waitFor(1);
    const sellerOnB = liveClient(b.url, seller.token).seller.orders;
    await sellerOnB.accept.mutate({ id: order.id });
    await live.waitFor(2, 1000);

    // Instance A goes away; the client's EventSource keeps retrying A's address with the last id it saw.
    const port = a.port;
    await a.stop();
    await sellerOnB.ship.mutate({ id: order.id, courier: "JNE", trackingNumber: "JNE-4242" });
    await sellerOnB.markDelivered.mutate({ id: order.id });
    expect(live.messages).toHaveLength(2);

    a = await startProcess({ mode: "--api-only", databaseUrl: api.database.url, port });
    const messages = await live.waitFor(4, 10_000);
    expect(messages.slice(2).map((message) => message.data.transition)).toEqual([
      { from: "processing", to: "shipped" },
      { from: "shipped", to: "delivered" },
    ]);
    const ids = messages.map((message) => Number(message.id));
    expect(ids.slice(1)).toEqual([...ids.slice(1)].sort((x, y) => x - y));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(live.messages).toHaveLength(4);
    expect(live.errors).toEqual([]);
    live.stop();
  }, 30_000);

  it("brings the notification the worker process writes for a status change to the customer on instance A", async () => {
    // A customer of its own, so the notifications for the earlier tests' orders are not in the way.
    const shopper = await api.userWithRole("customer");
    const order = await insertOrder(api.database.db, { customerId: shopper.id, storeId, status: "paid" });
    const live = collect<LiveNotificationMessage>((handlers) =>
      liveClient(a.url, shopper.token).customer.live.notifications.subscribe(undefined, handlers),
    );
    const [snapshot] = await live.waitFor(1);
    await liveClient(b.url, seller.token).seller.orders.accept.mutate({ id: order.id });
    // The worker dispatches the outbox on its own tick, so this waits longer than a live hop.
    const arrived = await live.waitFor(2, 20_000);
    const notification = arrived[1]?.data;
    expect(notification?.event?.type).toBe("notification.created");
    expect(notification?.notification?.type).toBe("order.status_changed");
    expect(snapshot?.data.unread).toBe(0);
    expect(notification?.unread).toBe(1);
    const row = await api.database.db
      .selectFrom("notifications")
      .select(["user_id", "type"])
      .where("id", "=", notification?.notification?.id ?? "")
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ user_id: shopper.id, type: "order.status_changed" });
    live.stop();
  }, 30_000);
});
