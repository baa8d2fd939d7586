import type { Kysely } from "kysely";
import { sql } from "kysely";

// Payments through a provider (sandbox, Stripe, Midtrans) and the provider events that move them.
// One payment attempt per (purpose, reference): a retried "pay" returns the same attempt, so a
// checkout is never charged twice. Provider events are stored once per (provider, event id): the
// webhook answers a duplicate with 200 and the processing step sees each event once.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table payments (
      id text primary key,
      purpose text not null check (purpose in ('checkout', 'wallet_topup')),
      reference_id text not null,
      customer_id text not null references "user" (id),
      provider text not null check (provider in ('sandbox', 'stripe', 'midtrans')),
      provider_ref text,
      status text not null default 'pending' check (
        status in ('pending', 'succeeded', 'failed', 'cancelled', 'refund_due', 'refunded', 'partially_refunded')
      ),
      amount bigint not null check (amount > 0),
      currency text not null,
      amount_refunded bigint not null default 0 check (amount_refunded >= 0 and amount_refunded <= amount),
      -- what the client needs to pay (never a secret key): a Stripe client secret or a Midtrans redirect URL
      client_secret text,
      redirect_url text,
      failure_reason text,
      succeeded_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (purpose, reference_id)
    )`.execute(db);
  await sql`create unique index payments_provider_ref_idx on payments (provider, provider_ref) where provider_ref is not null`.execute(
    db,
  );
  await sql`create index payments_customer_idx on payments (customer_id, created_at desc)`.execute(db);
  await sql`create index payments_created_idx on payments (created_at, id)`.execute(db);

  await sql`
    create table payment_events (
      id text primary key,
      provider text not null,
      event_id text not null,
      -- normalized: succeeded, failed, cancelled, refunded
      type text not null check (type in ('succeeded', 'failed', 'cancelled', 'refunded')),
      provider_ref text not null,
      amount bigint,
      payload jsonb not null,
      received_at timestamptz not null default now(),
      processed_at timestamptz,
      -- what processing did with it (advanced, ignored, unknown_payment, refund_due) and failures
      outcome text,
      attempts integer not null default 0,
      last_error text,
      unique (provider, event_id)
    )`.execute(db);
  await sql`create index payment_events_unprocessed_idx on payment_events (received_at, id) where processed_at is null`.execute(
    db,
  );

  await sql`
    create table payment_refunds (
      id text primary key,
      payment_id text not null references payments (id),
      amount bigint not null check (amount > 0),
      reason text not null,
      status text not null default 'pending' check (status in ('pending', 'succeeded', 'failed')),
      provider_refund_ref text,
      failure_reason text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index payment_refunds_payment_idx on payment_refunds (payment_id)`.execute(db);
}
