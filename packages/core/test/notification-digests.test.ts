import { dispatchPendingEvents } from "@niaga/core/events/dispatch";
import { applyStockChanges } from "@niaga/core/inventory/stock-changes";
import { createOutboxMailer } from "@niaga/core/mail/mailer";
import { sendNotificationDigests } from "@niaga/core/notifications/digest";
import { createNotificationsHandler } from "@niaga/core/notifications/notifications.handler";
import { getDigestPreference, updateDigestPreference } from "@niaga/core/notifications/preferences";
import { newId } from "@niaga/core/shared/ids";
import type { Actor } from "@niaga/core/users/users.service";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertAccount, insertProduct, insertStore } from "./support/review-fixtures.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const HOUR = 3_600_000;
// 10:00 in Jakarta (03:00 UTC): past the digest's 08:00 local start.
const NOW = new Date("2026-12-01T03:00:00Z");

const run = (now = NOW) =>
  sendNotificationDigests(database.db, {
    mailerFor: (trx) => createOutboxMailer(trx),
    timeZone: "Asia/Jakarta",
    minAgeHours: 12,
    now,
  });

async function addNotification(userId: string, title: string, ageHours: number, read = false) {
  const createdAt = new Date(NOW.getTime() - ageHours * HOUR);
  await database.db
    .insertInto("notifications")
    .values({
      id: newId(),
      user_id: userId,
      type: "order.status_changed",
      title,
      body: `${title}.`,
      created_at: createdAt,
      read_at: read ? createdAt : null,
    })
    .execute();
}

async function userWith(language: "en" | "id" = "en"): Promise<Actor & { email: string }> {
  const actor = await insertAccount(database.db, "customer", language === "id" ? "Sari" : "Sam");
  const row = await database.db
    .updateTable("user")
    .set({ language })
    .where("id", "=", actor.userId)
    .returning("email")
    .executeTakeFirstOrThrow();
  return { ...actor, email: row.email };
}

async function emailsTo(email: string) {
  return database.db
    .selectFrom("dev_outbox")
    .select(["subject", "text_body"])
    .where("to_address", "=", email)
    .execute();
}

async function digestsOf(userId: string) {
  return database.db
    .selectFrom("notification_digests")
    .select([sql<string>`day::text`.as("day"), "count"])
    .where("user_id", "=", userId)
    .execute();
}

describe("sendNotificationDigests", () => {
  it("sends one digest per user per day even with two concurrent runs and a replay", async () => {
    const users = await Promise.all(Array.from({ length: 6 }, () => userWith()));
    for (const user of users) {
      await addNotification(user.userId, "Order N-1 is shipped", 20);
      await addNotification(user.userId, "Order N-2 is delivered", 13);
    }
    const results = await Promise.all([run(), run()]);
    expect(results.map((result) => result.day)).toEqual(["2026-12-01", "2026-12-01"]);
    // The first test of the file: these six are the only users due, each sent once between both runs.
    expect(results[0].sent + results[1].sent).toBe(users.length);
    expect((await run()).sent).toBe(0);
    for (const user of users) {
      const emails = await emailsTo(user.email);
      expect(emails).toHaveLength(1);
      expect(emails[0]?.subject).toBe("You have 2 unread notifications on Niaga");
      expect(emails[0]?.text_body).toContain("- Order N-2 is delivered\n- Order N-1 is shipped");
      expect(await digestsOf(user.userId)).toEqual([{ day: "2026-12-01", count: 2 }]);
    }
    // The next local day is a new digest.
    const tomorrow = await run(new Date(NOW.getTime() + 24 * HOUR));
    expect(tomorrow.day).toBe("2026-12-02");
    for (const user of users) expect(await emailsTo(user.email)).toHaveLength(2);
  });

  it("skips users with nothing unread, only recent or read notifications, or the digest turned off", async () => {
    const nothing = await userWith();
    const recent = await userWith();
    await addNotification(recent.userId, "Order N-3 is paid", 2);
    const read = await userWith();
    await addNotification(read.userId, "Order N-4 is paid", 30, true);
    const optedOut = await userWith();
    await addNotification(optedOut.userId, "Order N-5 is paid", 30);
    expect(await getDigestPreference(database.db, optedOut)).toEqual({ digest: true });
    expect(await updateDigestPreference(database.db, optedOut, { digest: false })).toEqual({ digest: false });
    const optedBackIn = await userWith();
    await addNotification(optedBackIn.userId, "Order N-6 is paid", 30);
    await updateDigestPreference(database.db, optedBackIn, { digest: false });
    await updateDigestPreference(database.db, optedBackIn, { digest: true });

    await run();
    for (const user of [nothing, recent, read, optedOut]) {
      expect(await emailsTo(user.email)).toEqual([]);
      expect(await digestsOf(user.userId)).toEqual([]);
    }
    expect(await emailsTo(optedBackIn.email)).toHaveLength(1);
  });

  it("writes in the user's language and waits for 08:00 local time", async () => {
    const sari = await userWith("id");
    await addNotification(sari.userId, "Pesanan N-7 dikirim", 30);
    // 06:00 in Jakarta: too early, nothing is sent or recorded.
    const early = await run(new Date("2026-11-30T23:00:00Z"));
    expect(early).toEqual({ day: "2026-12-01", sent: 0 });
    expect(await emailsTo(sari.email)).toEqual([]);

    await run();
    const [email] = await emailsTo(sari.email);
    expect(email?.subject).toBe("1 notifikasi belum dibaca di Niaga");
    expect(email?.text_body).toBe(
      [
        "Halo Sari,",
        "",
        "Notifikasi berikut menunggu Anda:",
        "",
        "- Pesanan N-7 dikirim",
        "",
        "Matikan ringkasan harian ini di pengaturan notifikasi akun Niaga Anda.",
      ].join("\n"),
    );
  });
});

describe("stock.changed", () => {
  it("is emitted once per product per call and notifies nobody", async () => {
    const store = await insertStore(database.db);
    const product = await insertProduct(database.db, { storeId: store.id });
    const location = await database.db
      .insertInto("stock_locations")
      .values({ id: `loc-${product.id}`, store_id: store.id, name: "Gudang", is_default: true })
      .returning("id")
      .executeTakeFirstOrThrow();
    await database.db.transaction().execute((trx) =>
      applyStockChanges(trx, {
        changes: [
          { variantId: product.variantId, locationId: location.id, change: { setOnHand: 40 }, reason: "restock" },
          { variantId: product.variantId, locationId: location.id, change: { delta: -1 }, reason: "correction" },
        ],
        actorId: store.ownerId,
      }),
    );
    const events = await database.db
      .selectFrom("domain_events")
      .select(["type", "payload"])
      .where("aggregate_id", "=", product.id)
      .where("type", "=", "stock.changed")
      .execute();
    expect(events).toEqual([
      { type: "stock.changed", payload: { productId: product.id, variantIds: [product.variantId] } },
    ]);
    await dispatchPendingEvents(database.db, {
      handlers: [createNotificationsHandler({ mailerFor: (trx) => createOutboxMailer(trx), currency: "IDR" })],
    });
    const notes = await database.db
      .selectFrom("notifications")
      .select("type")
      .where("user_id", "=", store.ownerId)
      .execute();
    expect(notes).toEqual([]);
  });
});
