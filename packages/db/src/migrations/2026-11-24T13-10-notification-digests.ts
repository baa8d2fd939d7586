import type { Kysely } from "kysely";
import { sql } from "kysely";

// Notification digests (issue 6): a per-user switch for the daily email digest (absent row: on),
// and one row per user and local day a digest was sent, so a replayed or concurrent run of the
// daily job sends at most one digest per user per day.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table notification_settings (
      user_id text primary key references "user" (id) on delete cascade,
      digest boolean not null default true,
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table notification_digests (
      user_id text not null references "user" (id) on delete cascade,
      day date not null,
      count integer not null check (count > 0),
      sent_at timestamptz not null default now(),
      primary key (user_id, day)
    )`.execute(db);
}
