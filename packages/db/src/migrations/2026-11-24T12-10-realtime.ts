import type { Kysely } from "kysely";
import { sql } from "kysely";

// Real-time fan-out: every committed domain event is announced on one channel with its id only
// (NOTIFY payloads are capped at 8 KB and are not a data path). Each API process LISTENs once and
// re-reads the rows by id, so a change made through any instance reaches subscribers on all.
// NOTIFY inside a transaction is delivered at commit, so a rolled-back event is never announced.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function niaga_notify_domain_event() returns trigger language plpgsql as $$
    begin
      perform pg_notify('niaga_events', new.id::text);
      return null;
    end
    $$`.execute(db);
  await sql`
    create trigger domain_events_notify after insert on domain_events
    for each row execute function niaga_notify_domain_event()`.execute(db);
  // A seller's stream replays its store's events after a reconnect by payload storeId.
  await sql`create index domain_events_store_idx on domain_events ((payload ->> 'storeId'), id)`.execute(db);
}
