import { loadConfig } from "@niaga/config";
import { previousDayWindow } from "@niaga/core/reconciliation/reconciliation.window";
import { createLogger } from "@niaga/core/shared/logger";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Worker } from "../src/worker.ts";
import { startWorker } from "../src/worker.ts";

let database: TestDatabase;
let worker: Worker;
const config = loadConfig({ NODE_ENV: "test", MARKETPLACE_TIME_ZONE: "Asia/Jakarta" });

beforeAll(async () => {
  database = await createTestDatabase();
  const logger = createLogger("silent");
  worker = await startWorker({ connectionString: database.url, deps: { db: database.db, logger, config }, logger });
});
afterAll(async () => {
  await worker.stop();
  await database.drop();
});

describe("reconciliation.daily", () => {
  it("is scheduled daily and reconciles the previous Jakarta day through the configured provider", async () => {
    const schedules = await worker.boss.getSchedules();
    expect(schedules.find((schedule) => schedule.name === "reconciliation.daily")?.cron).toBe("30 2 * * *");
    const expected = previousDayWindow(new Date(), config.MARKETPLACE_TIME_ZONE);
    await worker.boss.send("reconciliation.daily", {});
    const started = Date.now();
    let run: { provider: string; status: string; trigger: string; window_from: Date; window_to: Date } | undefined;
    while (!run && Date.now() - started < 20_000) {
      run = await database.db
        .selectFrom("reconciliation_runs")
        .select(["provider", "status", "trigger", "window_from", "window_to"])
        .where("status", "<>", "running")
        .executeTakeFirst();
      if (!run) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(run).toEqual({
      provider: "sandbox",
      status: "succeeded",
      trigger: "schedule",
      window_from: expected.from,
      window_to: expected.to,
    });
  });
});
