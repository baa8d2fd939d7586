import type { LiveNotificationMessage } from "@niaga/contracts";
import type { Db } from "../shared/db.ts";
import { cursorOf, eventRef } from "./live.shared.ts";
import type { LiveDeps, StreamParams } from "./realtime.stream.ts";
import { topicEvents } from "./realtime.stream.ts";
import type { LiveMessage } from "./realtime.types.ts";

const NOTIFICATION_EVENTS = ["notification.created"] as const;

async function unreadCount(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

/**
 * The caller's in-app notifications as they are written: the snapshot carries the unread count,
 * then each notification.created event brings the notification, re-read and checked to be the
 * caller's.
 */
export async function* liveNotifications(
  deps: LiveDeps,
  params: StreamParams & { userId: string },
): AsyncGenerator<LiveMessage<LiveNotificationMessage>> {
  const topics = [{ kind: "aggregate" as const, type: "user", id: params.userId }];
  for await (const item of topicEvents(deps, { ...params, topics, types: NOTIFICATION_EVENTS })) {
    if ("kind" in item) {
      yield {
        id: cursorOf(item),
        data: { event: null, notification: null, unread: await unreadCount(deps.db, params.userId) },
      };
      continue;
    }
    const notificationId = item.payload.notificationId;
    if (typeof notificationId !== "string") continue;
    const row = await deps.db
      .selectFrom("notifications")
      .select(["id", "type", "title", "body", "read_at", "created_at"])
      .where("id", "=", notificationId)
      .where("user_id", "=", params.userId)
      .executeTakeFirst();
    if (!row) continue;
    yield {
      id: cursorOf(item),
      data: {
        event: eventRef(item),
        notification: {
          id: row.id,
          type: row.type,
          title: row.title,
          body: row.body,
          readAt: row.read_at,
          createdAt: row.created_at,
        },
        unread: await unreadCount(deps.db, params.userId),
      },
    };
  }
}
