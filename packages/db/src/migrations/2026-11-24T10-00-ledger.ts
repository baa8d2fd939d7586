import type { Kysely } from "kysely";
import { sql } from "kysely";

// The double-entry ledger. Every money movement is a journal entry whose lines sum to zero per
// currency (amounts are signed minor units: positive debits, negative credits). Entries and lines
// are append-only: triggers refuse UPDATE and DELETE, so corrections are new entries. Accounts keep
// a cached balance (the sum of their lines) that the invariant check proves.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table ledger_accounts (
      id text primary key,
      code text not null unique,
      kind text not null,
      -- debit-normal (assets, expenses) or credit-normal (liabilities, revenue): how a balance reads
      normal_side text not null check (normal_side in ('debit', 'credit')),
      owner_type text check (owner_type in ('store', 'customer', 'provider')),
      owner_id text,
      currency text not null,
      balance bigint not null default 0,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index ledger_accounts_owner_idx on ledger_accounts (owner_type, owner_id)`.execute(db);

  await sql`
    create table journal_entries (
      id text primary key,
      kind text not null,
      reference_type text not null,
      reference_id text not null,
      -- one entry per business event: a replayed webhook or job posts nothing twice
      idempotency_key text not null unique,
      memo text not null default '',
      actor_id text,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index journal_entries_reference_idx on journal_entries (reference_type, reference_id)`.execute(db);
  await sql`create index journal_entries_created_idx on journal_entries (created_at desc, id desc)`.execute(db);

  await sql`
    create table journal_lines (
      id bigserial primary key,
      entry_id text not null references journal_entries (id),
      account_id text not null references ledger_accounts (id),
      amount bigint not null check (amount <> 0),
      currency text not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index journal_lines_entry_idx on journal_lines (entry_id)`.execute(db);
  await sql`create index journal_lines_account_idx on journal_lines (account_id, id desc)`.execute(db);

  await sql`
    create function ledger_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'the ledger is append-only: % on % is not allowed', tg_op, tg_table_name;
    end $$`.execute(db);
  await sql`
    create trigger journal_entries_append_only before update or delete on journal_entries
    for each row execute function ledger_refuse_change()`.execute(db);
  await sql`
    create trigger journal_lines_append_only before update or delete on journal_lines
    for each row execute function ledger_refuse_change()`.execute(db);

  // Commission is frozen on each order when it is placed, so a later rate change rewrites nothing.
  await sql`alter table orders add column commission_bps integer not null default 0 check (commission_bps between 0 and 10000)`.execute(
    db,
  );
  await sql`
    create table commission_rates (
      id text primary key,
      scope text not null check (scope in ('store', 'category')),
      target_id text not null,
      rate_bps integer not null check (rate_bps between 0 and 10000),
      updated_at timestamptz not null default now(),
      unique (scope, target_id)
    )`.execute(db);
}
