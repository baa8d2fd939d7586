import type { Kysely } from "kysely";
import { sql } from "kysely";

// The customers' address book and the platform's shipping rate table. Money is int8 minor units.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table addresses (
      id text primary key,
      customer_id text not null references "user" (id) on delete cascade,
      recipient text not null check (length(recipient) between 1 and 100),
      phone text not null,
      line text not null check (length(line) between 1 and 300),
      city text not null check (length(city) between 1 and 100),
      postal_code text not null,
      region text not null check (length(region) between 1 and 100),
      note text,
      is_default boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  // At most one default per customer; the service keeps "exactly one when any exist".
  await sql`create unique index addresses_one_default on addresses (customer_id) where is_default`.execute(db);
  await sql`create index addresses_customer_idx on addresses (customer_id, created_at desc, id desc)`.execute(db);

  // One row per (origin region, destination region, courier, service); "*" is the wildcard
  // region. Price: first_kg_price for the first kilogram, next_kg_price for each further one.
  await sql`
    create table shipping_rates (
      id text primary key,
      origin_region text not null check (length(origin_region) between 1 and 100),
      destination_region text not null check (length(destination_region) between 1 and 100),
      courier text not null check (courier ~ '^[a-z0-9-]{1,20}$'),
      service text not null check (length(service) between 1 and 50),
      description text not null default '',
      first_kg_price bigint not null check (first_kg_price >= 0),
      next_kg_price bigint not null check (next_kg_price >= 0),
      max_weight_grams integer check (max_weight_grams > 0),
      eta_min_days integer not null check (eta_min_days >= 0),
      eta_max_days integer not null check (eta_max_days >= eta_min_days),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  // Regions match case-insensitively, so the key is unique on their lower-case form.
  await sql`
    create unique index shipping_rates_key on shipping_rates
      (lower(origin_region), lower(destination_region), courier, service)`.execute(db);
}
