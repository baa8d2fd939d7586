// Seeds the checkout benchmark on top of the catalog seed.ts built: the default shipping rate
// table, and shoppers (role customer) each with one API key, one address and a FULL cart.
// - "spread" shoppers: 3 lines (2 variants of one store, 1 of another), quantity 1, drawn from
//   active variants of open stores with at least 10 units free; no variant lands in more than 3
//   carts, so spread checkouts never run short of stock.
// - "hot" shoppers: 1 line of one single hot variant whose stock is set to --hot-stock units at
//   its store's default location (reserved 0), so they race for the same row.
// Every bulk step is one set-based statement. The plain API keys go to bench/.data/ (git-ignored),
// read by checkout-run.ts. `--reset` first ends earlier bench shoppers' open checkouts as expiry
// would (held units given back, orders cancelled; the orders stay as history) and removes their
// keys and carts, so every seeding starts with fresh shoppers and all seeded stock free.
//   DATABASE_URL=postgres://… node bench/src/checkout-seed.ts [--spread 8000] [--hot 4000]
//     [--hot-stock 3000] [--reset] [--clean (remove only, seed nothing)]
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { createDb } from "@niaga/db";
import { migrateToLatest } from "@niaga/db/migrator";
import pg from "pg";
import { seedDefaultRateTable } from "../../packages/core/src/shipping/rate-table.seed.ts";
import type { ShopperFile, ShopperGroup } from "./checkout-shoppers.ts";
import { SHOPPERS_FILE, shopperIdPrefix, startingWith } from "./checkout-shoppers.ts";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("Set DATABASE_URL to the database the API under test uses");
const args = process.argv.slice(2);
const numberOption = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  const value = index >= 0 ? Number(args[index + 1]) : Number.NaN;
  return Number.isInteger(value) && value >= 0 ? value : fallback;
};
const spreadCount = numberOption("spread", 8000);
const hotCount = numberOption("hot", 4000);
const hotStock = numberOption("hot-stock", 3000);
const clean = args.includes("--clean");
const reset = clean || args.includes("--reset");

const handle = createDb({ connectionString: url, max: 1 });
await migrateToLatest(handle.db);
const rates = await seedDefaultRateTable(handle.db);
await handle.close();

const client = new pg.Client({ connectionString: url });
await client.connect();
const step = async (label: string, text: string, values: unknown[] = []) => {
  const started = performance.now();
  const result = await client.query(text, values);
  console.log(
    `${label.padEnd(28)} ${String(result.rowCount ?? "").padStart(7)} rows  ${Math.round(performance.now() - started)} ms`,
  );
  return result;
};
console.log(`${"shipping rates".padEnd(28)} ${String(rates.inserted).padStart(7)} rows added`);

// Bench shoppers' ids all start with "bk" (catalog sellers are "bu…", so neither reset touches the
// other), then their group and this seeding's tag: bks<tag>_1, bkh<tag>_1.
const existing = (await client.query<{ n: number }>(`select count(*)::int as n from api_keys where user_id like 'bk%'`))
  .rows[0]?.n;
if (existing && !reset) {
  console.log(`already seeded (${existing} bench shoppers); pass --reset to start clean`);
  await client.end();
  process.exit(0);
}

if (reset) {
  await client.query("begin");
  // Earlier shoppers' open checkouts end as the expiry job would end them: held units go back to
  // available (committed ones, if a run marked any paid, back on hand), holds are released, orders
  // cancelled, checkouts expired. Their orders stay, as a marketplace's order history does, so
  // the tables never start a run nearly empty: a planner that saw them empty would cache
  // sequential scans for the foreign-key checks of the whole next run.
  await client.query(`create temp table bench_checkouts on commit drop as
    select id from checkouts where customer_id like 'bk%' and status = 'pending_payment'`);
  await client.query(`create temp table bench_touched on commit drop as
    select distinct v.product_id from stock_holds h join variants v on v.id = h.variant_id
    where h.checkout_id in (select id from bench_checkouts)`);
  await step(
    "reset: stock given back",
    `
    update inventory_levels l set
      reserved = l.reserved - d.held, on_hand = l.on_hand + d.committed, updated_at = now()
    from (
      select h.variant_id, h.location_id,
        coalesce(sum(h.quantity) filter (where h.status = 'held'), 0)::int as held,
        coalesce(sum(h.quantity) filter (where h.status = 'committed'), 0)::int as committed
      from stock_holds h where h.checkout_id in (select id from bench_checkouts)
      group by 1, 2) d
    where l.variant_id = d.variant_id and l.location_id = d.location_id`,
  );
  await step(
    "reset: holds released",
    `update stock_holds set status = case status when 'held' then 'released' else 'restocked' end, updated_at = now()
     where checkout_id in (select id from bench_checkouts) and status in ('held', 'committed')`,
  );
  await step(
    "reset: orders cancelled",
    `update orders set status = 'cancelled', cancelled_at = now(), updated_at = now()
     where checkout_id in (select id from bench_checkouts) and status <> 'cancelled'`,
  );
  await step(
    "reset: checkouts expired",
    "update checkouts set status = 'expired', closed_at = now() where id in (select id from bench_checkouts)",
  );
  // The outbox rows those checkouts wrote (order.placed, and stock.changed for every hold): no
  // worker dispatches them here, and kept they would grow the outbox by five rows a checkout.
  await step(
    "reset: outbox",
    "delete from domain_events where type = 'stock.changed' or (type = 'order.placed' and payload->>'customerId' like 'bk%')",
  );
  // Earlier shoppers keep their accounts (their orders name them) but lose their keys and carts.
  await step("reset: api keys", `delete from api_keys where user_id like 'bk%'`);
  await step("reset: carts", `delete from carts where customer_id like 'bk%'`);
  await step("reset: addresses", `delete from addresses where customer_id like 'bk%'`);
  const previous = existsSync(SHOPPERS_FILE) ? (JSON.parse(readFileSync(SHOPPERS_FILE, "utf8")) as ShopperFile) : null;
  if (previous?.hot.original) {
    const { variantId, locationId, onHand, reserved } = previous.hot.original;
    await step(
      "reset: hot variant stock",
      "update inventory_levels set on_hand = $3, reserved = $4, updated_at = now() where variant_id = $1 and location_id = $2",
      [variantId, locationId, onHand, reserved],
    );
  }
  // Availability that crossed zero in a run (the hot variant selling out) is recomputed.
  await step(
    "reset: product in_stock",
    `
    update products p set in_stock = exists (
      select 1 from variants v join inventory_levels l on l.variant_id = v.id
      where v.product_id = p.id and v.archived_at is null and l.on_hand - l.reserved > 0)
    where p.id in (select product_id from bench_touched)
      and p.in_stock is distinct from exists (
      select 1 from variants v join inventory_levels l on l.variant_id = v.id
      where v.product_id = p.id and v.archived_at is null and l.on_hand - l.reserved > 0)`,
  );
  await client.query("commit");
  if (clean) {
    await client.end();
    process.exit(0);
  }
}

await client.query("select setseed(0.17)");
await client.query("begin");
// Sellable variants with room to spare.
await step(
  "sellable variants",
  `
  create temp table bench_base on commit drop as
  select v.id as variant_id, p.store_id, v.price, l.location_id
  from variants v
  join products p on p.id = v.product_id
  join stores s on s.id = p.store_id
  join stock_locations sl on sl.store_id = s.id and sl.is_default
  join inventory_levels l on l.variant_id = v.id and l.location_id = sl.id
  where v.id like 'bv%' and v.archived_at is null and p.status = 'active' and p.hidden_at is null
    and s.status = 'open' and l.on_hand - l.reserved >= 10`,
);
// The hot variant: the first sellable one by id (its only level is its store's default location).
const hot = (
  await client.query<{ variant_id: string; store_id: string; price: number; location_id: string }>(
    "select variant_id, store_id, price::float8 as price, location_id from bench_base order by variant_id limit 1",
  )
).rows[0];
if (!hot) throw new Error("No sellable variant found: run `pnpm --filter @niaga/bench seed` first");
const original = (
  await client.query<{ on_hand: number; reserved: number }>(
    "select on_hand, reserved from inventory_levels where variant_id = $1 and location_id = $2",
    [hot.variant_id, hot.location_id],
  )
).rows[0] ?? { on_hand: 0, reserved: 0 };
// The pool for spread carts (without the hot variant), from stores with at least 2 candidates,
// numbered at random overall (n) and within their store (k of c).
await step(
  "variant pool",
  `
  create temp table bench_pool on commit drop as
  select b.*, row_number() over (order by random()) as n,
    row_number() over (partition by b.store_id order by random()) as k,
    count(*) over (partition by b.store_id) as c
  from bench_base b
  where b.variant_id <> $1
    and b.store_id in (select store_id from bench_base where variant_id <> $1 group by 1 having count(*) >= 2)`,
  [hot.variant_id],
);
await client.query("create index on bench_pool (n)");
await client.query("create index on bench_pool (store_id, k)");
await client.query("analyze bench_pool");
const poolSize = (await client.query<{ n: number }>("select count(*)::int as n from bench_pool")).rows[0]?.n ?? 0;
if (poolSize < 2 * spreadCount) throw new Error(`Only ${poolSize} sellable variants for ${spreadCount} spread carts`);

const tag = Date.now().toString(36);
const prefixOf = (group: ShopperGroup) => shopperIdPrefix(group, tag);
const makeShoppers = (group: ShopperGroup, count: number) =>
  Array.from({ length: count }, (_, index) => {
    const userId = `${prefixOf(group)}${index + 1}`;
    const key = `nk_${randomBytes(32).toString("base64url")}`;
    return { userId, key, hash: createHash("sha256").update(key).digest("hex"), addressId: `ba_${userId}` };
  });
const spread = makeShoppers("s", spreadCount);
const hotShoppers = makeShoppers("h", hotCount);
const everyone = [...spread, ...hotShoppers];

await step(
  "shoppers",
  `
  insert into "user" (id, name, email, "emailVerified", "createdAt", "updatedAt", role, banned)
  select u.id, 'Bench Shopper ' || u.id, 'bench-shopper-' || u.id || '@niaga.test', true, now(), now(), 'customer', false
  from unnest($1::text[]) as u(id)`,
  [everyone.map((s) => s.userId)],
);
await step(
  "api keys",
  `
  insert into api_keys (id, name, prefix, key_hash, user_id, role, created_by)
  select 'bkk_' || u.id, 'checkout bench', left(u.key, 10), u.hash, u.id, 'customer', u.id
  from unnest($1::text[], $2::text[], $3::text[]) as u(id, key, hash)`,
  [everyone.map((s) => s.userId), everyone.map((s) => s.key), everyone.map((s) => s.hash)],
);
await step(
  "addresses",
  `
  insert into addresses (id, customer_id, recipient, phone, line, city, postal_code, region, is_default)
  select 'ba_' || u.id, u.id, 'Bench Shopper ' || u.id, '+6281234567890', 'Jl. Sudirman No. ' || (1 + length(u.id) * 7 % 200),
    'Jakarta Selatan', '12190', 'DKI Jakarta', true
  from unnest($1::text[]) as u(id)`,
  [everyone.map((s) => s.userId)],
);
await step(
  "carts",
  `
  insert into carts (id, customer_id) select 'bkc_' || u.id, u.id from unnest($1::text[]) as u(id)`,
  [everyone.map((s) => s.userId)],
);

// Spread line a: pool row i; line b: the next variant of a's store (k order); line c: the first
// pool row from the second half whose store differs. Each variant is an a, a b and a c at most once.
await step(
  "spread cart lines",
  `
  with a as (select s.i, 'bkc_' || $3 || s.i as cart_id, p.* from generate_series(1, $1::int) s(i) join bench_pool p on p.n = s.i),
  picked as (
    select a.cart_id, array[a.variant_id, b.variant_id, c.variant_id] as variants, array[a.price, b.price, c.price] as prices
    from a
    join bench_pool b on b.store_id = a.store_id and b.k = 1 + a.k % a.c
    cross join lateral (
      select q.variant_id, q.price from bench_pool q
      where q.n > $2::int / 2 + a.i and q.store_id <> a.store_id
      order by q.n limit 1) c)
  insert into cart_lines (cart_id, variant_id, quantity, seen_unit_price, added_at)
  select p.cart_id, l.variant_id, 1, l.price, now() + l.ord * interval '1 millisecond'
  from picked p cross join lateral unnest(p.variants, p.prices) with ordinality as l(variant_id, price, ord)`,
  [spreadCount, poolSize, prefixOf("s")],
);
const spreadStores = await client.query<{ cart_id: string; stores: string[] }>(
  `select c.cart_id, array_agg(distinct p.store_id order by p.store_id) as stores
   from cart_lines c join variants v on v.id = c.variant_id join products p on p.id = v.product_id
   where c.cart_id like $1 group by 1`,
  [startingWith(`bkc_${prefixOf("s")}`)],
);
const storesOf = new Map(spreadStores.rows.map((row) => [row.cart_id.slice(4), row.stores]));
const incomplete = spread.filter((s) => (storesOf.get(s.userId)?.length ?? 0) !== 2);
if (incomplete.length > 0) throw new Error(`${incomplete.length} spread carts did not get lines from 2 stores`);

await step(
  "hot cart lines",
  `
  insert into cart_lines (cart_id, variant_id, quantity, seen_unit_price)
  select 'bkc_' || u.id, $2, 1, $3 from unnest($1::text[]) as u(id)`,
  [hotShoppers.map((s) => s.userId), hot.variant_id, hot.price],
);
await step(
  "hot variant stock",
  "update inventory_levels set on_hand = $3, reserved = 0, updated_at = now() where variant_id = $1 and location_id = $2",
  [hot.variant_id, hot.location_id, hotStock],
);
await client.query("update products set in_stock = true where id = (select product_id from variants where id = $1)", [
  hot.variant_id,
]);
await client.query("commit");
// Everything the reset and the seed changed, vacuumed now rather than by autovacuum during a run.
await step(
  "vacuum analyze",
  'vacuum (analyze) cart_lines, carts, addresses, api_keys, inventory_levels, "user", checkouts, orders, order_lines, order_events, stock_holds, inventory_journal, domain_events',
);
// The reset and the seed write a lot of WAL: flushed now, the checkpoint it calls for does not
// run (and make every first write to a page log a full copy of it) during the first run.
await step("checkpoint", "checkpoint");
await client.end();

const file: ShopperFile = {
  createdAt: new Date().toISOString(),
  tag,
  spread: spread.map((s) => ({
    userId: s.userId,
    key: s.key,
    addressId: s.addressId,
    storeIds: storesOf.get(s.userId) ?? [],
  })),
  hot: {
    variantId: hot.variant_id,
    storeId: hot.store_id,
    locationId: hot.location_id,
    stock: hotStock,
    original: {
      variantId: hot.variant_id,
      locationId: hot.location_id,
      onHand: original.on_hand,
      reserved: original.reserved,
    },
    shoppers: hotShoppers.map((s) => ({
      userId: s.userId,
      key: s.key,
      addressId: s.addressId,
      storeIds: [hot.store_id],
    })),
  },
};
mkdirSync(dirname(SHOPPERS_FILE), { recursive: true });
writeFileSync(SHOPPERS_FILE, JSON.stringify(file));
console.log(
  `\n${spread.length} spread + ${hotShoppers.length} hot shoppers (hot variant ${hot.variant_id}, ${hotStock} units); keys in ${SHOPPERS_FILE}`,
);
