import type { Kysely } from "kysely";
import { sql } from "kysely";

// Coins (loyalty): an append-only ledger of entries whose sum is a customer's balance, a
// per-customer account row caching that sum (and the row every balance change locks), and one
// row per daily claim. Amounts are whole coins in int8. Checkout ids are plain text references
// (no foreign key): the ledger outlives and does not depend on the checkout tables.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table coin_accounts (
      customer_id text primary key references "user" (id) on delete cascade,
      balance bigint not null default 0 check (balance >= 0),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table coin_entries (
      id text primary key,
      customer_id text not null references coin_accounts (customer_id) on delete cascade,
      delta bigint not null check (delta <> 0),
      kind text not null check (kind in ('daily_claim', 'streak_bonus', 'checkout_redeem', 'checkout_refund', 'adjustment')),
      reference text,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index coin_entries_customer_idx on coin_entries (customer_id, created_at desc, id desc)`.execute(db);
  // One redemption and one refund per checkout, whatever the application does: this is what makes
  // a replayed refund (expiry job and cancel racing) write nothing.
  await sql`
    create unique index coin_entries_checkout_once on coin_entries (kind, reference)
    where kind in ('checkout_redeem', 'checkout_refund')`.execute(db);
  // Claim entries reference their claim date: at most one of each kind per customer and day.
  await sql`
    create unique index coin_entries_claim_once on coin_entries (customer_id, kind, reference)
    where kind in ('daily_claim', 'streak_bonus')`.execute(db);

  await sql`
    create table coin_daily_claims (
      customer_id text not null references coin_accounts (customer_id) on delete cascade,
      claim_date date not null,
      streak integer not null check (streak >= 1),
      coins bigint not null check (coins >= 0),
      created_at timestamptz not null default now(),
      primary key (customer_id, claim_date)
    )`.execute(db);
}
