import type { Kysely } from "kysely";
import { sql } from "kysely";

// Notifications (issue 6): the user's language for templates, the dispatcher's bookkeeping on the
// outbox, in-app notifications, per-type preferences, and one row per handled effect so an event
// handled twice has the effect of once.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table "user" add column language text not null default 'en' check (language in ('en', 'id'))`.execute(
    db,
  );

  // Dispatch has its own marker: published_at belongs to the real-time fan-out.
  await sql`
    alter table domain_events
      add column dispatched_at timestamptz,
      add column dispatch_attempts integer not null default 0,
      add column dispatch_error text`.execute(db);
  await sql`create index domain_events_undispatched_idx on domain_events (id) where dispatched_at is null`.execute(db);

  await sql`
    create table notifications (
      id text primary key,
      user_id text not null references "user" (id) on delete cascade,
      type text not null,
      title text not null,
      body text not null,
      data jsonb not null default '{}',
      event_id bigint,
      read_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index notifications_user_idx on notifications (user_id, created_at desc, id desc)`.execute(db);
  await sql`create index notifications_unread_idx on notifications (user_id) where read_at is null`.execute(db);

  await sql`
    create table notification_preferences (
      user_id text not null references "user" (id) on delete cascade,
      type text not null,
      in_app boolean not null,
      email boolean not null,
      updated_at timestamptz not null default now(),
      primary key (user_id, type)
    )`.execute(db);

  // The idempotency key of every handler effect: (event, handler, recipient, channel) once.
  await sql`
    create table event_effects (
      event_id bigint not null references domain_events (id) on delete cascade,
      handler text not null,
      recipient_id text not null,
      channel text not null,
      created_at timestamptz not null default now(),
      primary key (event_id, handler, recipient_id, channel)
    )`.execute(db);
}
