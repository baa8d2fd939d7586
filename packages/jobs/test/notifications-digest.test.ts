import { loadConfig } from "@niaga/config";
import { newId } from "@niaga/core/shared/ids";
import { createLogger } from "@niaga/core/shared/logger";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertAccount } from "../../core/test/support/review-fixtures.ts";
import { JOBS } from "../src/definitions.ts";
import { runNotificationDigests } from "../src/notifications/digest.job.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe("notifications.digest", () => {
  it("runs hourly and, with the configured age, sends each due user one digest a day through the outbox", async () => {
    expect(JOBS.find((job) => job.name === "notifications.digest")?.schedule).toBe("7 * * * *");
    const config = loadConfig({
      NODE_ENV: "test",
      MARKETPLACE_TIME_ZONE: "Asia/Jakarta",
      NOTIFICATION_DIGEST_MIN_AGE_HOURS: "24",
    });
    const deps = { db: database.db, logger: createLogger("silent"), config };
    const now = new Date("2026-12-01T05:00:00Z"); // 12:00 in Jakarta
    const user = await insertAccount(database.db, "customer", "Dewi");
    for (const ageHours of [30, 20]) {
      await database.db
        .insertInto("notifications")
        .values({
          id: newId(),
          user_id: user.userId,
          type: "stock.low",
          title: `Low stock after ${ageHours} h`,
          body: "Only 2 left.",
          created_at: new Date(now.getTime() - ageHours * 3_600_000),
        })
        .execute();
    }
    await runNotificationDigests(deps, now);
    await runNotificationDigests(deps, new Date(now.getTime() + 3_600_000));
    const { email } = await database.db
      .selectFrom("user")
      .select("email")
      .where("id", "=", user.userId)
      .executeTakeFirstOrThrow();
    const mails = await database.db
      .selectFrom("dev_outbox")
      .select(["subject", "text_body"])
      .where("to_address", "=", email)
      .execute();
    // Only the 30-hour-old notification is past NOTIFICATION_DIGEST_MIN_AGE_HOURS=24.
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe("You have 1 unread notification on Niaga");
    expect(mails[0]?.text_body).toContain("- Low stock after 30 h\n");
    expect(mails[0]?.text_body).not.toContain("after 20 h");
  });
});
