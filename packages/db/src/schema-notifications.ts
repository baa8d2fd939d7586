import type { ColumnType, Generated } from "kysely";

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** In-app notifications (migration 2026-11-24T12-00-notifications). */
export interface NotificationTable {
  id: string;
  user_id: string;
  type: string;
  title: string;
  body: string;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  event_id: number | null;
  read_at: Timestamp | null;
  created_at: CreatedAt;
}

/** A user's choice per notification type; absent rows fall back to the type's defaults. */
export interface NotificationPreferenceTable {
  user_id: string;
  type: string;
  in_app: boolean;
  email: boolean;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** One row per effect a dispatch handler performed: the idempotency key. */
export interface EventEffectTable {
  event_id: number;
  handler: string;
  recipient_id: string;
  channel: string;
  created_at: Generated<Date>;
}

/** Per-user notification switches (migration 2026-11-24T13-10); absent rows mean the defaults. */
export interface NotificationSettingsTable {
  user_id: string;
  digest: ColumnType<boolean, boolean | undefined, boolean>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** One daily digest sent: (user, local day) is unique, the claim that makes a digest once a day. */
export interface NotificationDigestTable {
  user_id: string;
  /** The local calendar day (MARKETPLACE_TIME_ZONE); a `date` column: select it as text (`day::text`). */
  day: ColumnType<string, string, never>;
  count: number;
  sent_at: CreatedAt;
}

export interface NotificationTables {
  notifications: NotificationTable;
  notification_preferences: NotificationPreferenceTable;
  event_effects: EventEffectTable;
  notification_settings: NotificationSettingsTable;
  notification_digests: NotificationDigestTable;
}
