import type { Kysely } from "kysely";
import { sql } from "kysely";

// Carts (a customer's, or a guest's by token hash), checkouts (one payment), store orders (one per
// store in a checkout) with their event history, and stock holds. Order lines (from the catalog
// migration) gain the order they belong to and the stock location they were drawn from.
// Money is int8 minor units throughout.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table carts (
      id text primary key,
      customer_id text unique references "user" (id) on delete cascade,
      guest_token_hash text unique,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (customer_id is not null or guest_token_hash is not null)
    )`.execute(db);

  await sql`
    create table cart_lines (
      cart_id text not null references carts (id) on delete cascade,
      variant_id text not null references variants (id) on delete cascade,
      quantity integer not null check (quantity between 1 and 999),
      -- the unit price the customer last saw, so the cart can flag a price change
      seen_unit_price bigint not null check (seen_unit_price >= 0),
      added_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (cart_id, variant_id)
    )`.execute(db);

  await sql`
    create table checkouts (
      id text primary key,
      customer_id text not null references "user" (id) on delete restrict,
      idempotency_key text not null,
      status text not null default 'pending_payment'
        check (status in ('pending_payment', 'paid', 'expired', 'cancelled')),
      currency text not null,
      subtotal bigint not null check (subtotal >= 0),
      shipping_total bigint not null check (shipping_total >= 0),
      store_discount_total bigint not null default 0 check (store_discount_total >= 0),
      platform_discount bigint not null default 0 check (platform_discount >= 0),
      coins_redeemed bigint not null default 0 check (coins_redeemed >= 0),
      coins_value bigint not null default 0 check (coins_value >= 0),
      grand_total bigint not null check (grand_total >= 0),
      coupon_codes text[] not null default '{}',
      shipping_address jsonb not null,
      expires_at timestamptz not null,
      paid_at timestamptz,
      closed_at timestamptz,
      created_at timestamptz not null default now(),
      unique (customer_id, idempotency_key)
    )`.execute(db);
  await sql`create index checkouts_pending_expiry_idx on checkouts (expires_at) where status = 'pending_payment'`.execute(
    db,
  );
  await sql`create index checkouts_customer_idx on checkouts (customer_id, created_at desc, id desc)`.execute(db);

  await sql`
    create table orders (
      id text primary key,
      number text not null unique,
      checkout_id text not null references checkouts (id) on delete restrict,
      customer_id text not null references "user" (id) on delete restrict,
      store_id text not null references stores (id) on delete restrict,
      status text not null default 'pending_payment'
        check (status in ('pending_payment', 'paid', 'processing', 'shipped', 'delivered', 'completed', 'cancelled')),
      subtotal bigint not null check (subtotal >= 0),
      shipping_cost bigint not null check (shipping_cost >= 0),
      store_discount bigint not null default 0 check (store_discount >= 0),
      platform_discount bigint not null default 0 check (platform_discount >= 0),
      coins_discount bigint not null default 0 check (coins_discount >= 0),
      total bigint not null check (total >= 0),
      shipping_courier text not null,
      shipping_service text not null,
      shipping_eta_min integer not null default 0,
      shipping_eta_max integer not null default 0,
      shipping_address jsonb not null,
      weight_grams integer not null default 0,
      tracking_number text,
      paid_at timestamptz,
      processing_at timestamptz,
      shipped_at timestamptz,
      delivered_at timestamptz,
      completed_at timestamptz,
      cancelled_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index orders_checkout_idx on orders (checkout_id)`.execute(db);
  await sql`create index orders_store_idx on orders (store_id, created_at desc, id desc)`.execute(db);
  await sql`create index orders_customer_idx on orders (customer_id, created_at desc, id desc)`.execute(db);
  await sql`create index orders_status_idx on orders (status, created_at desc, id desc)`.execute(db);
  // Auto-completion and the stuck-order view scan by state and age.
  await sql`create index orders_delivered_idx on orders (delivered_at) where status = 'delivered'`.execute(db);
  await sql`create index orders_paid_unshipped_idx on orders (paid_at) where status in ('paid', 'processing')`.execute(
    db,
  );

  await sql`
    create table order_events (
      id bigserial primary key,
      order_id text not null references orders (id) on delete cascade,
      from_status text,
      to_status text not null,
      actor_id text references "user" (id) on delete set null,
      actor_role text not null,
      note text,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index order_events_order_idx on order_events (order_id, id)`.execute(db);

  await sql`alter table order_lines add column order_id text references orders (id) on delete restrict`.execute(db);
  await sql`alter table order_lines add column location_id text references stock_locations (id) on delete restrict`.execute(
    db,
  );
  await sql`alter table order_lines add column sku text not null default ''`.execute(db);
  await sql`create index order_lines_order_idx on order_lines (order_id)`.execute(db);

  // Stock held for a checkout's order line: held until paid (then committed: on hand goes down)
  // or until the order is cancelled or the checkout expires (then released).
  await sql`
    create table stock_holds (
      id bigserial primary key,
      checkout_id text not null references checkouts (id) on delete cascade,
      order_id text not null references orders (id) on delete cascade,
      variant_id text not null references variants (id) on delete restrict,
      location_id text not null references stock_locations (id) on delete restrict,
      quantity integer not null check (quantity > 0),
      status text not null default 'held' check (status in ('held', 'committed', 'released', 'restocked')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index stock_holds_checkout_idx on stock_holds (checkout_id)`.execute(db);
  await sql`create index stock_holds_order_idx on stock_holds (order_id)`.execute(db);
}
