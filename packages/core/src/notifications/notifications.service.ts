import type { ListNotificationsInput, NotificationDto } from "@niaga/contracts";
import { decodeCursor, encodeCursor } from "../shared/cursor.ts";
import type { Db } from "../shared/db.ts";
import { NotFoundError } from "../shared/errors.ts";
import type { Actor } from "../users/users.service.ts";

type NotificationData = NotificationDto["data"];

/** The caller's notifications, newest first, keyset-paged over (created_at, id). */
export async function listNotifications(
  db: Db,
  actor: Actor,
  input: ListNotificationsInput,
): Promise<{ items: NotificationDto[]; nextCursor: string | null }> {
  let query = db
    .selectFrom("notifications")
    .select(["id", "type", "title", "body", "data", "read_at", "created_at"])
    .where("user_id", "=", actor.userId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(input.limit + 1);
  if (input.unreadOnly) query = query.where("read_at", "is", null);
  if (input.cursor) {
    const cursor = decodeCursor(input.cursor);
    query = query.where((eb) =>
      eb.or([eb("created_at", "<", cursor.at), eb.and([eb("created_at", "=", cursor.at), eb("id", "<", cursor.id)])]),
    );
  }
  const rows = await query.execute();
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      type: row.type,
      title: row.title,
      body: row.body,
      data: row.data as NotificationData,
      readAt: row.read_at,
      createdAt: row.created_at,
    })),
    nextCursor: rows.length > input.limit && last ? encodeCursor({ at: last.created_at, id: last.id }) : null,
  };
}

/** How many of the caller's notifications are unread. */
export async function unreadNotificationCount(db: Db, actor: Actor): Promise<{ count: number }> {
  const row = await db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("user_id", "=", actor.userId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return { count: Number(row.n) };
}

/** Marks one of the caller's notifications read (again is a no-op); another user's id is NOT_FOUND. */
export async function markNotificationRead(db: Db, actor: Actor, input: { id: string }): Promise<{ updated: number }> {
  const row = await db
    .selectFrom("notifications")
    .select(["id", "read_at"])
    .where("id", "=", input.id)
    .where("user_id", "=", actor.userId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError("Notification");
  if (row.read_at) return { updated: 0 };
  const result = await db
    .updateTable("notifications")
    .set({ read_at: new Date() })
    .where("id", "=", row.id)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return { updated: Number(result.numUpdatedRows) };
}

/** Marks every unread notification of the caller read; returns how many changed. */
export async function markAllNotificationsRead(db: Db, actor: Actor): Promise<{ updated: number }> {
  const result = await db
    .updateTable("notifications")
    .set({ read_at: new Date() })
    .where("user_id", "=", actor.userId)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return { updated: Number(result.numUpdatedRows) };
}
