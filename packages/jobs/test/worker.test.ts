import { loadConfig } from "@niaga/config";
import { createLogger } from "@niaga/core/shared/logger";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Worker } from "../src/worker.ts";
import { startWorker } from "../src/worker.ts";

let database: TestDatabase;
let worker: Worker;

beforeAll(async () => {
  database = await createTestDatabase();
  const logger = createLogger("silent");
  worker = await startWorker({
    connectionString: database.url,
    deps: { db: database.db, logger, config: loadConfig({ NODE_ENV: "test" }) },
    logger,
  });
});
afterAll(async () => {
  await worker.stop();
  await database.drop();
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("worker", () => {
  it("creates every queue and registers the cleanup schedule", async () => {
    const queues = (await worker.boss.getQueues()).map((queue) => queue.name);
    expect(queues).toEqual(expect.arrayContaining(["system.cleanup", "system.cleanup.dead"]));
    const schedules = await worker.boss.getSchedules();
    expect(schedules.map((schedule) => schedule.name)).toContain("system.cleanup");
  });

  it("runs system.cleanup: expired sessions go, live ones stay", async () => {
    const now = Date.now();
    await database.db
      .insertInto("user")
      .values({
        id: "u1",
        name: "U",
        email: "u1@example.com",
        emailVerified: true,
        createdAt: new Date(),
        updatedAt: new Date(),
      })
      .execute();
    const session = (id: string, expiresAt: Date) => ({
      id,
      token: `token-${id}`,
      userId: "u1",
      expiresAt,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    await database.db
      .insertInto("session")
      .values([session("expired", new Date(now - 60_000)), session("live", new Date(now + 3_600_000))])
      .execute();

    await worker.boss.send("system.cleanup", {});
    await waitFor(async () => {
      const rows = await database.db.selectFrom("session").select("id").execute();
      return rows.length === 1;
    });
    const left = await database.db.selectFrom("session").select("id").execute();
    expect(left.map((row) => row.id)).toEqual(["live"]);
  });
});
