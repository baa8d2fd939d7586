import { loadConfig } from "@niaga/config";
import { createLogger } from "@niaga/core/shared/logger";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertOrder } from "../../core/test/support/order-fixtures.ts";
import type { Worker } from "../src/worker.ts";
import { startWorker } from "../src/worker.ts";

let database: TestDatabase;
let worker: Worker;

beforeAll(async () => {
  database = await createTestDatabase();
  const logger = createLogger("silent");
  const config = loadConfig({ NODE_ENV: "test", ORDER_AUTO_COMPLETE_DAYS: "5" });
  worker = await startWorker({ connectionString: database.url, deps: { db: database.db, logger, config }, logger });
});
afterAll(async () => {
  await worker.stop();
  await database.drop();
});

const status = async (id: string) =>
  (await database.db.selectFrom("orders").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;

describe("orders.auto-complete", () => {
  it("is scheduled, and completes delivered orders past ORDER_AUTO_COMPLETE_DAYS only", async () => {
    const schedules = await worker.boss.getSchedules();
    expect(schedules.map((schedule) => schedule.name)).toContain("orders.auto-complete");
    const due = await insertOrder(database.db, {
      status: "delivered",
      at: { delivered: new Date(Date.now() - 6 * 86_400_000) },
    });
    const notYet = await insertOrder(database.db, {
      status: "delivered",
      at: { delivered: new Date(Date.now() - 4 * 86_400_000) },
    });
    await worker.boss.send("orders.auto-complete", {});
    const started = Date.now();
    while ((await status(due.id)) !== "completed") {
      if (Date.now() - started > 15_000) throw new Error("timed out waiting for the job");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await status(notYet.id)).toBe("delivered");
  });
});
