import type { Kysely } from "kysely";
import { sql } from "kysely";

// Domain events written in the same transaction as the change they describe (a transactional
// outbox): a rollback drops the event too. Publishing (notifications, real-time) reads from here.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table domain_events (
      id bigserial primary key,
      type text not null,
      aggregate_type text not null,
      aggregate_id text not null,
      payload jsonb not null default '{}',
      created_at timestamptz not null default now(),
      published_at timestamptz
    )`.execute(db);
  await sql`create index domain_events_unpublished_idx on domain_events (id) where published_at is null`.execute(db);
  await sql`create index domain_events_aggregate_idx on domain_events (aggregate_type, aggregate_id, id)`.execute(db);
}
