import { loadConfig } from "@niaga/config";
import { createLogger } from "@niaga/core/shared/logger";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { JobDefinition } from "../src/definitions.ts";
import { startWorker } from "../src/worker.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe("graceful shutdown", () => {
  it("waits for an active job to finish before stop resolves", async () => {
    let started = false;
    const slow: JobDefinition<Record<string, unknown>> = {
      name: "test.slow",
      payload: z.object({}).passthrough(),
      retryLimit: 0,
      retryDelaySeconds: 1,
      expireInSeconds: 30,
      handle: async ({ db }) => {
        started = true;
        await new Promise((resolve) => setTimeout(resolve, 1500));
        await db
          .insertInto("dev_outbox")
          .values({ to_address: "slow@example.com", subject: "done", text_body: "" })
          .execute();
      },
    };
    const logger = createLogger("silent");
    const worker = await startWorker({
      connectionString: database.url,
      deps: { db: database.db, logger, config: loadConfig({ NODE_ENV: "test" }) },
      logger,
      jobs: [slow],
      dispatchIntervalSeconds: 0,
    });
    const id = (await worker.boss.send("test.slow", {})) as string;
    const deadline = Date.now() + 15_000;
    while (!started && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(started).toBe(true);

    await worker.stop();
    const rows = await database.db
      .selectFrom("dev_outbox")
      .select("subject")
      .where("to_address", "=", "slow@example.com")
      .execute();
    expect(rows).toEqual([{ subject: "done" }]);
    const { rows: job } = await sql<{
      state: string;
    }>`select state::text as state from pgboss.job where id = ${id}::uuid`.execute(database.db);
    expect(job[0]?.state).toBe("completed");
  }, 30_000);
});
