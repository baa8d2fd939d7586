import type {
  DigestPreference,
  NotificationPreference,
  NotificationType,
  UpdateNotificationPreferencesInput,
} from "@niaga/contracts";
import { NOTIFICATION_TYPES } from "@niaga/contracts";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import type { Actor } from "../users/users.service.ts";

/**
 * Defaults when a user has not chosen: everything in-app, and email for what needs action or is
 * about money; a followed store's new products only in-app (they would flood an inbox).
 */
export const DEFAULT_PREFERENCES: Record<NotificationType, { inApp: boolean; email: boolean }> = {
  "order.placed": { inApp: true, email: true },
  "payment.confirmed": { inApp: true, email: true },
  "order.status_changed": { inApp: true, email: true },
  "refund.decided": { inApp: true, email: true },
  "complaint.opened": { inApp: true, email: true },
  "complaint.escalated": { inApp: true, email: true },
  "stock.low": { inApp: true, email: true },
  "withdrawal.decided": { inApp: true, email: true },
  "product.published": { inApp: true, email: false },
};

/** One user's effective choice for one type (stored row, else the default). */
export async function preferenceFor(
  db: Db,
  params: { userId: string; type: NotificationType },
): Promise<{ inApp: boolean; email: boolean }> {
  const row = await db
    .selectFrom("notification_preferences")
    .select(["in_app", "email"])
    .where("user_id", "=", params.userId)
    .where("type", "=", params.type)
    .executeTakeFirst();
  return row ? { inApp: row.in_app, email: row.email } : DEFAULT_PREFERENCES[params.type];
}

/** Every notification type with the caller's effective choice, in a stable order. */
export async function getNotificationPreferences(db: Db, actor: Actor): Promise<NotificationPreference[]> {
  const rows = await db
    .selectFrom("notification_preferences")
    .select(["type", "in_app", "email"])
    .where("user_id", "=", actor.userId)
    .execute();
  const stored = new Map(rows.map((row) => [row.type, row]));
  return NOTIFICATION_TYPES.map((type) => {
    const row = stored.get(type);
    return row ? { type, inApp: row.in_app, email: row.email } : { type, ...DEFAULT_PREFERENCES[type] };
  });
}

/** Sets the given types (others keep their value); returns the full list as get does. */
export async function updateNotificationPreferences(
  db: Db,
  actor: Actor,
  input: UpdateNotificationPreferencesInput,
): Promise<NotificationPreference[]> {
  return inTransaction(db, async (trx) => {
    await trx
      .insertInto("notification_preferences")
      .values(
        input.preferences.map((pref) => ({
          user_id: actor.userId,
          type: pref.type,
          in_app: pref.inApp,
          email: pref.email,
        })),
      )
      .onConflict((oc) =>
        oc.columns(["user_id", "type"]).doUpdateSet((eb) => ({
          in_app: eb.ref("excluded.in_app"),
          email: eb.ref("excluded.email"),
          updated_at: new Date(),
        })),
      )
      .execute();
    return getNotificationPreferences(trx, actor);
  });
}

/** Whether the user gets the daily email digest (on when never chosen). */
export async function getDigestPreference(db: Db, actor: Actor): Promise<DigestPreference> {
  const row = await db
    .selectFrom("notification_settings")
    .select("digest")
    .where("user_id", "=", actor.userId)
    .executeTakeFirst();
  return { digest: row?.digest ?? true };
}

/** Turns the caller's daily email digest on or off; returns the choice as get does. */
export async function updateDigestPreference(db: Db, actor: Actor, input: DigestPreference): Promise<DigestPreference> {
  await db
    .insertInto("notification_settings")
    .values({ user_id: actor.userId, digest: input.digest })
    .onConflict((oc) => oc.column("user_id").doUpdateSet({ digest: input.digest, updated_at: new Date() }))
    .execute();
  return getDigestPreference(db, actor);
}
