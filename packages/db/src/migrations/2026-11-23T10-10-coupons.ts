import type { Kysely } from "kysely";
import { sql } from "kysely";

// Coupons: one row of rules per coupon, one or many codes sharing them, and a redemption per
// (checkout, coupon). `used_count` counts live (reserved or confirmed) redemptions; checkout
// raises it under the coupon's row lock, so the check constraint is a last line of defence, not
// the mechanism. Money is int8 minor units; percentages are basis points (1..10000).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table coupons (
      id text primary key,
      scope text not null check (scope in ('platform', 'store')),
      store_id text references stores (id) on delete cascade,
      name text not null check (length(name) between 1 and 100),
      kind text not null check (kind in ('percentage', 'fixed')),
      percent_bps integer,
      amount_off bigint,
      min_spend bigint not null default 0 check (min_spend >= 0),
      max_discount bigint check (max_discount is null or max_discount > 0),
      usage_limit integer check (usage_limit is null or usage_limit > 0),
      per_customer_limit integer check (per_customer_limit is null or per_customer_limit > 0),
      used_count integer not null default 0 check (used_count >= 0),
      category_ids text[] not null default '{}',
      product_ids text[] not null default '{}',
      starts_at timestamptz not null,
      ends_at timestamptz,
      combinable boolean not null default false,
      active boolean not null default true,
      code_count integer not null default 0 check (code_count >= 0),
      created_by text not null references "user" (id) on delete restrict,
      created_at timestamptz not null default now(),
      deactivated_at timestamptz,
      check ((scope = 'platform') = (store_id is null)),
      check (
        (kind = 'percentage' and percent_bps between 1 and 10000 and amount_off is null)
        or (kind = 'fixed' and amount_off > 0 and percent_bps is null)
      ),
      check (usage_limit is null or used_count <= usage_limit),
      check (ends_at is null or ends_at > starts_at)
    )`.execute(db);
  await sql`create index coupons_store_idx on coupons (store_id, created_at desc, id desc)`.execute(db);
  await sql`create index coupons_scope_idx on coupons (scope, created_at desc, id desc)`.execute(db);

  // Codes are stored uppercase, so the unique index makes lookups case-insensitive by design.
  await sql`
    create table coupon_codes (
      id text primary key,
      coupon_id text not null references coupons (id) on delete cascade,
      code text not null unique check (code ~ '^[A-Z0-9_-]{3,40}$'),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index coupon_codes_coupon_idx on coupon_codes (coupon_id, code)`.execute(db);

  await sql`
    create table coupon_redemptions (
      id text primary key,
      coupon_id text not null references coupons (id) on delete cascade,
      code_id text not null references coupon_codes (id) on delete cascade,
      checkout_id text not null,
      customer_id text not null references "user" (id) on delete restrict,
      status text not null default 'reserved' check (status in ('reserved', 'confirmed', 'released')),
      discount bigint not null check (discount >= 0),
      eligible_subtotal bigint not null check (eligible_subtotal >= 0),
      allocations jsonb not null default '[]',
      created_at timestamptz not null default now(),
      confirmed_at timestamptz,
      released_at timestamptz,
      unique (checkout_id, coupon_id)
    )`.execute(db);
  await sql`
    create index coupon_redemptions_customer_idx on coupon_redemptions (coupon_id, customer_id)
    where status <> 'released'`.execute(db);
  await sql`create index coupon_redemptions_report_idx on coupon_redemptions (coupon_id, created_at)`.execute(db);
}
