import type { Kysely } from "kysely";
import { sql } from "kysely";

// Reconciliation: each run compares one provider's records for a window with the ledger and
// stores what disagrees. Amounts are int8 minor units. A mismatch stays open until an admin
// resolves it with a note; a re-run of the same window finds the open row by its dedupe key
// (one open row per key, enforced by a partial unique index) instead of adding another.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table reconciliation_runs (
      id text primary key,
      provider text not null,
      window_from timestamptz not null,
      window_to timestamptz not null,
      status text not null default 'running' check (status in ('running', 'succeeded', 'failed', 'skipped')),
      trigger text not null check (trigger in ('schedule', 'admin')),
      gateway_records integer not null default 0,
      ledger_records integer not null default 0,
      matched integer not null default 0,
      mismatches_found integer not null default 0,
      mismatches_new integer not null default 0,
      error text,
      actor_id text,
      started_at timestamptz not null default now(),
      finished_at timestamptz,
      check (window_to > window_from)
    )`.execute(db);
  await sql`create index reconciliation_runs_started_idx on reconciliation_runs (started_at desc, id desc)`.execute(db);

  await sql`
    create table reconciliation_mismatches (
      id text primary key,
      run_id text not null references reconciliation_runs (id),
      last_seen_run_id text not null references reconciliation_runs (id),
      provider text not null,
      category text not null check (category in ('payment', 'refund', 'payout')),
      kind text not null check (kind in ('missing_at_gateway', 'missing_in_ledger', 'amount_differs', 'status_differs')),
      provider_ref text,
      entry_id text,
      -- what the ledger says, and what the gateway says (null when that side has nothing)
      expected bigint,
      actual bigint,
      currency text not null,
      detail text not null default '',
      dedupe_key text not null,
      status text not null default 'open' check (status in ('open', 'resolved')),
      resolved_by text,
      resolved_at timestamptz,
      note text,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index reconciliation_mismatches_open_key on reconciliation_mismatches (dedupe_key) where status = 'open'`.execute(
    db,
  );
  await sql`create index reconciliation_mismatches_list_idx on reconciliation_mismatches (status, created_at desc, id desc)`.execute(
    db,
  );
  await sql`create index reconciliation_mismatches_run_idx on reconciliation_mismatches (run_id)`.execute(db);
}
