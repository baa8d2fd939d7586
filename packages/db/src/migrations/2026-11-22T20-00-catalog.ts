import type { Kysely } from "kysely";
import { sql } from "kysely";

// Stores, stock locations, the category tree, products, variants, images, inventory with its
// journal, low-stock events, order lines (the part reviews need; checkout extends them), reviews
// and follows. Money is int8 minor units. Aggregates kept on rows (ratings, counts, min price,
// in-stock) are maintained by the services in the same transaction as the change.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`create extension if not exists ltree`.execute(db);

  await sql`
    create table stores (
      id text primary key,
      owner_id text not null references "user" (id) on delete restrict,
      name text not null check (length(name) between 1 and 100),
      slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      description text not null default '',
      logo_url text,
      banner_url text,
      contact_email text,
      contact_phone text,
      address_line text not null default '',
      city text not null default '',
      postal_code text not null default '',
      region text not null default '',
      status text not null default 'open' check (status in ('open', 'holiday', 'closed')),
      rating_count integer not null default 0 check (rating_count >= 0),
      rating_sum integer not null default 0 check (rating_sum >= 0),
      rating_histogram integer[] not null default '{0,0,0,0,0}',
      follower_count integer not null default 0 check (follower_count >= 0),
      product_count integer not null default 0 check (product_count >= 0),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index stores_owner_idx on stores (owner_id)`.execute(db);

  await sql`
    create table stock_locations (
      id text primary key,
      store_id text not null references stores (id) on delete cascade,
      name text not null,
      address_line text not null default '',
      city text not null default '',
      postal_code text not null default '',
      region text not null default '',
      is_default boolean not null default false,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create unique index stock_locations_one_default on stock_locations (store_id) where is_default`.execute(db);
  await sql`create index stock_locations_store_idx on stock_locations (store_id)`.execute(db);

  await sql`
    create table categories (
      id text primary key,
      parent_id text references categories (id) on delete restrict,
      name text not null,
      slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      path ltree not null,
      position integer not null default 0,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index categories_path_idx on categories using gist (path)`.execute(db);
  await sql`create index categories_parent_idx on categories (parent_id)`.execute(db);

  await sql`
    create table products (
      id text primary key,
      store_id text not null references stores (id) on delete cascade,
      category_id text not null references categories (id) on delete restrict,
      title text not null check (length(title) between 1 and 200),
      slug text not null unique,
      description text not null default '',
      tags text[] not null default '{}',
      metadata jsonb not null default '{}',
      weight_grams integer not null default 0 check (weight_grams >= 0),
      length_mm integer not null default 0 check (length_mm >= 0),
      width_mm integer not null default 0 check (width_mm >= 0),
      height_mm integer not null default 0 check (height_mm >= 0),
      status text not null default 'draft' check (status in ('draft', 'active', 'archived')),
      hidden_at timestamptz,
      hidden_reason text,
      low_stock_threshold integer not null default 5 check (low_stock_threshold >= 0),
      min_price bigint not null default 0 check (min_price >= 0),
      max_price bigint not null default 0 check (max_price >= 0),
      in_stock boolean not null default false,
      rating_count integer not null default 0 check (rating_count >= 0),
      rating_sum integer not null default 0 check (rating_sum >= 0),
      rating_histogram integer[] not null default '{0,0,0,0,0}',
      sold_count bigint not null default 0 check (sold_count >= 0),
      search_vector tsvector not null default ''::tsvector,
      published_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index products_store_idx on products (store_id, created_at desc)`.execute(db);
  await sql`create index products_category_idx on products (category_id)`.execute(db);
  await sql`create index products_search_idx on products using gin (search_vector)`.execute(db);
  await sql`create index products_title_trgm_idx on products using gin (title gin_trgm_ops)`.execute(db);
  // Listing sorts over visible products only (active, not hidden): partial indexes keep them small.
  for (const [name, columns] of [
    ["newest", "published_at desc, id desc"],
    ["price", "min_price, id"],
    ["rating", "(rating_sum::numeric / nullif(rating_count, 0)) desc nulls last, id desc"],
    ["sold", "sold_count desc, id desc"],
  ] as const) {
    await sql
      .raw(
        `create index products_visible_${name}_idx on products (${columns}) where status = 'active' and hidden_at is null`,
      )
      .execute(db);
  }

  await sql`
    create table product_images (
      id text primary key,
      product_id text not null references products (id) on delete cascade,
      url text not null,
      storage_key text not null,
      alt text not null default '',
      position integer not null default 0,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index product_images_product_idx on product_images (product_id, position)`.execute(db);

  await sql`
    create table variants (
      id text primary key,
      product_id text not null references products (id) on delete cascade,
      sku text not null,
      title text not null default '',
      options jsonb not null default '{}',
      price bigint not null check (price >= 0),
      compare_at_price bigint check (compare_at_price is null or compare_at_price >= 0),
      position integer not null default 0,
      archived_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index variants_product_idx on variants (product_id, position)`.execute(db);
  await sql`create unique index variants_sku_per_product on variants (product_id, sku)`.execute(db);

  await sql`
    create table inventory_levels (
      variant_id text not null references variants (id) on delete cascade,
      location_id text not null references stock_locations (id) on delete cascade,
      on_hand integer not null default 0 check (on_hand >= 0),
      reserved integer not null default 0 check (reserved >= 0),
      updated_at timestamptz not null default now(),
      primary key (variant_id, location_id),
      check (reserved <= on_hand)
    )`.execute(db);
  await sql`create index inventory_levels_location_idx on inventory_levels (location_id)`.execute(db);

  await sql`
    create table inventory_journal (
      id bigserial primary key,
      variant_id text not null references variants (id) on delete cascade,
      location_id text not null references stock_locations (id) on delete cascade,
      on_hand_delta integer not null,
      reserved_delta integer not null default 0,
      on_hand_after integer not null,
      reason text not null,
      note text,
      actor_id text references "user" (id) on delete set null,
      reference text,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index inventory_journal_variant_idx on inventory_journal (variant_id, id desc)`.execute(db);

  await sql`
    create table low_stock_events (
      id bigserial primary key,
      store_id text not null references stores (id) on delete cascade,
      product_id text not null references products (id) on delete cascade,
      variant_id text not null references variants (id) on delete cascade,
      available integer not null,
      threshold integer not null,
      delivered_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index low_stock_events_pending_idx on low_stock_events (id) where delivered_at is null`.execute(db);

  // The order side reviews need. The checkout issue adds orders and the rest of the columns.
  await sql`
    create table order_lines (
      id text primary key,
      customer_id text not null references "user" (id) on delete restrict,
      store_id text not null references stores (id) on delete restrict,
      product_id text not null references products (id) on delete restrict,
      variant_id text not null references variants (id) on delete restrict,
      product_title text not null,
      variant_title text not null default '',
      unit_price bigint not null check (unit_price >= 0),
      quantity integer not null check (quantity > 0),
      status text not null default 'pending' check (status in ('pending', 'paid', 'processing', 'shipped', 'delivered', 'completed', 'cancelled', 'refunded')),
      delivered_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index order_lines_customer_idx on order_lines (customer_id, created_at desc)`.execute(db);
  await sql`create index order_lines_product_idx on order_lines (product_id)`.execute(db);

  await sql`
    create table reviews (
      id text primary key,
      order_line_id text not null unique references order_lines (id) on delete restrict,
      product_id text not null references products (id) on delete cascade,
      store_id text not null references stores (id) on delete cascade,
      customer_id text not null references "user" (id) on delete cascade,
      rating smallint not null check (rating between 1 and 5),
      comment text not null default '',
      images jsonb not null default '[]',
      reply text,
      replied_at timestamptz,
      hidden_at timestamptz,
      hidden_reason text,
      edited_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index reviews_product_idx on reviews (product_id, created_at desc, id desc)`.execute(db);
  await sql`create index reviews_store_idx on reviews (store_id, created_at desc)`.execute(db);

  await sql`
    create table store_follows (
      customer_id text not null references "user" (id) on delete cascade,
      store_id text not null references stores (id) on delete cascade,
      created_at timestamptz not null default now(),
      primary key (customer_id, store_id)
    )`.execute(db);
  await sql`create index store_follows_store_idx on store_follows (store_id)`.execute(db);
}
