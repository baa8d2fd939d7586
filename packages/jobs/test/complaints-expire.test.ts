import { loadConfig } from "@niaga/config";
import { getMyComplaint } from "@niaga/core/complaints/complaints.read";
import { escalateComplaint, openComplaint } from "@niaga/core/complaints/complaints.service";
import { createLogger } from "@niaga/core/shared/logger";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCheckoutOrders } from "../../core/test/support/order-fixtures.ts";
import type { Worker } from "../src/worker.ts";
import { startWorker } from "../src/worker.ts";

let database: TestDatabase;
let worker: Worker;

beforeAll(async () => {
  database = await createTestDatabase();
  const logger = createLogger("silent");
  const config = loadConfig({ NODE_ENV: "test" });
  worker = await startWorker({ connectionString: database.url, deps: { db: database.db, logger, config }, logger });
});
afterAll(async () => {
  await worker.stop();
  await database.drop();
});

describe("complaints.expire", () => {
  it("is scheduled, expires complaints past the seller's deadline only, and the customer can then escalate", async () => {
    const schedules = await worker.boss.getSchedules();
    expect(schedules.map((schedule) => schedule.name)).toContain("complaints.expire");
    const { customerId, orders } = await insertCheckoutOrders(database.db, {
      orders: [{ status: "delivered" }, { status: "delivered" }],
    });
    const customer = { userId: customerId, role: "customer" as const };
    const open = (orderLineId: string, now: Date) =>
      openComplaint(database.db, customer, {
        orderLineId,
        reason: "damaged",
        description: "Arrived with a broken handle",
        resolution: "replacement",
        refundDestination: "original",
        responseHours: 48,
        now,
      });
    const overdue = await open(orders[0]?.lineId as string, new Date(Date.now() - 49 * 3_600_000));
    const inTime = await open(orders[1]?.lineId as string, new Date(Date.now() - 47 * 3_600_000));
    const status = async (id: string) => (await getMyComplaint(database.db, customer, { id })).status;

    await worker.boss.send("complaints.expire", {});
    const started = Date.now();
    while ((await status(overdue.id)) !== "expired") {
      if (Date.now() - started > 15_000) throw new Error("timed out waiting for the job");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await status(inTime.id)).toBe("open");
    const escalated = await escalateComplaint(database.db, customer, {
      id: overdue.id,
      note: "The seller never answered",
    });
    expect(escalated.events.map((event) => [event.actorRole, event.toStatus])).toEqual([
      ["customer", "open"],
      ["system", "expired"],
      ["customer", "escalated"],
    ]);
  });
});
