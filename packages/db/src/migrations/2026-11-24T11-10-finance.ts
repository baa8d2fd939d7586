import type { Kysely } from "kysely";
import { sql } from "kysely";

// Sellers' finances: what each paid order owes its seller (order_settlements, the running record
// the completion and refund flows read and move under the order's lock), the bank accounts a
// seller withdraws to, the store's Stripe Connect account, and withdrawals with their state.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table order_settlements (
      order_id text primary key references orders (id),
      store_id text not null references stores (id),
      -- frozen from the capture: the seller's credit, the commission, and the money, platform
      -- discount and coins that paid for the order (seller_share + commission = money + discount + coins)
      seller_share bigint not null check (seller_share >= 0),
      commission bigint not null check (commission >= 0),
      money_total bigint not null check (money_total >= 0),
      platform_discount bigint not null check (platform_discount >= 0),
      coins_value bigint not null check (coins_value >= 0),
      -- running totals of refunds, so several partial refunds add up to the full reversal
      refunded bigint not null default 0 check (refunded between 0 and money_total),
      seller_refunded bigint not null default 0,
      commission_refunded bigint not null default 0,
      discount_refunded bigint not null default 0,
      coins_refunded bigint not null default 0,
      -- what moved from pending to available when the order completed
      released bigint,
      completed_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index order_settlements_store_idx on order_settlements (store_id)`.execute(db);

  await sql`
    create table store_payout_profiles (
      store_id text primary key references stores (id),
      -- a Stripe Connect account (acct_...): approved payouts are transferred to it when Stripe is configured
      stripe_account_id text,
      updated_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table bank_accounts (
      id text primary key,
      store_id text not null references stores (id),
      bank_name text not null,
      account_holder text not null,
      account_number text not null,
      account_number_masked text not null,
      created_at timestamptz not null default now(),
      -- withdrawals keep pointing at a deleted account, so deleting only hides it
      deleted_at timestamptz
    )`.execute(db);
  await sql`create index bank_accounts_store_idx on bank_accounts (store_id) where deleted_at is null`.execute(db);

  await sql`
    create table withdrawals (
      id text primary key,
      store_id text not null references stores (id),
      bank_account_id text not null references bank_accounts (id),
      amount bigint not null check (amount > 0),
      currency text not null,
      status text not null default 'requested'
        check (status in ('requested', 'approved', 'paid', 'failed', 'rejected')),
      method text check (method in ('stripe', 'manual')),
      reference text,
      transfer_id text,
      failure_reason text,
      reject_reason text,
      requested_by text not null,
      decided_by text,
      created_at timestamptz not null default now(),
      approved_at timestamptz,
      paid_at timestamptz,
      failed_at timestamptz,
      rejected_at timestamptz,
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index withdrawals_store_idx on withdrawals (store_id, created_at desc, id desc)`.execute(db);
  await sql`create index withdrawals_status_idx on withdrawals (status, created_at desc, id desc)`.execute(db);
}
