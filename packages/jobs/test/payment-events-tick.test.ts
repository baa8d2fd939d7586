import { loadConfig } from "@niaga/config";
import { newId } from "@niaga/core/shared/ids";
import { createLogger } from "@niaga/core/shared/logger";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JOBS } from "../src/definitions.ts";
import { startWorker } from "../src/worker.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe("the payment webhook queue", () => {
  it("is drained within seconds by each worker's tick, not only by the minute cron", async () => {
    const job = JOBS.find((candidate) => candidate.name === "payments.process-events");
    if (!job) throw new Error("payments.process-events is not registered");
    // Without its cron, only the tick can run it: the test cannot pass on a minute boundary.
    const tickedOnly = { ...job, schedule: undefined };
    // A stored webhook event for a payment Niaga does not know (yet): each run counts an attempt.
    const eventRowId = newId();
    await database.db
      .insertInto("payment_events")
      .values({
        id: eventRowId,
        provider: "sandbox",
        event_id: `evt_${eventRowId}`,
        type: "succeeded",
        provider_ref: `sbx_${newId()}`,
        amount: 1_000_000,
        payload: "{}",
        processed_at: null,
        outcome: null,
        last_error: null,
      })
      .execute();
    const logger = createLogger("silent");
    const worker = await startWorker({
      connectionString: database.url,
      deps: { db: database.db, logger, config: loadConfig({ NODE_ENV: "test" }) },
      logger,
      jobs: [tickedOnly],
      dispatchIntervalSeconds: 1,
    });
    try {
      const attempts = async () =>
        (
          await database.db
            .selectFrom("payment_events")
            .select("attempts")
            .where("id", "=", eventRowId)
            .executeTakeFirstOrThrow()
        ).attempts;
      const deadline = Date.now() + 10_000;
      while ((await attempts()) === 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await attempts()).toBeGreaterThan(0);
      const row = await database.db
        .selectFrom("payment_events")
        .select("last_error")
        .where("id", "=", eventRowId)
        .executeTakeFirstOrThrow();
      expect(row.last_error).toBe("No payment has this reference yet");
    } finally {
      await worker.stop();
    }
  }, 30_000);
});
