// Seeds a realistic catalog for the benchmark into DATABASE_URL: 500 stores (with a default
// stock location each), 200 categories (8 roots › 24 › 168 leaves), 100,000 products with 3
// variants, stock and 2 images each. Every bulk step is one `insert … select generate_series`, so
// Postgres builds the rows itself (the search trigger fills search_vector on the way in).
//   DATABASE_URL=postgres://… node bench/src/seed.ts [--products 100000] [--reset]
import { createDb } from "@niaga/db";
import { migrateToLatest } from "@niaga/db/migrator";
import pg from "pg";
import { ADJECTIVES, AUDIENCES, BRANDS, CITIES, COLOURS, MATERIALS, QUALIFIERS, ROOTS, SIZES, USES } from "./words.ts";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("Set DATABASE_URL to the database the API under test uses");
const args = process.argv.slice(2);
const productCount = Number(args[args.indexOf("--products") + 1] || 100_000) || 100_000;
const STORES = 500;

const handle = createDb({ connectionString: url, max: 1 });
await migrateToLatest(handle.db);
await handle.close();

const client = new pg.Client({ connectionString: url });
await client.connect();
const step = async (label: string, text: string, values: unknown[] = []) => {
  const started = performance.now();
  const result = await client.query(text, values);
  console.log(
    `${label.padEnd(28)} ${String(result.rowCount ?? "").padStart(7)} rows  ${Math.round(performance.now() - started)} ms`,
  );
};

const existing = await client.query<{ n: number }>("select count(*)::int as n from products where id like 'bp%'");
if ((existing.rows[0]?.n ?? 0) > 0 && !args.includes("--reset")) {
  console.log(`already seeded (${existing.rows[0]?.n} bench products); pass --reset to rebuild`);
  await client.end();
  process.exit(0);
}
if (args.includes("--reset")) {
  await step(
    "reset",
    `
    with doomed as (delete from products where id like 'bp%' returning 1) select count(*) from doomed`,
  );
  await client.query("delete from stores where id like 'bs%'");
  await client.query("delete from categories where id like 'bc%' and parent_id is not null and id like 'bc%\\_%\\_%'");
  await client.query("delete from categories where id like 'bc%' and parent_id is not null");
  await client.query("delete from categories where id like 'bc%'");
  await client.query(`delete from "user" where id like 'bu%'`);
}
await client.query("select setseed(0.42)");

await step(
  "sellers",
  `
  insert into "user" (id, name, email, "emailVerified", "createdAt", "updatedAt", role, banned)
  select 'bu' || i, 'Bench Seller ' || i, 'bench-seller-' || i || '@niaga.test', true, now(), now(), 'seller', false
  from generate_series(1, ${STORES}) i`,
);
await step(
  "stores",
  `
  insert into stores (id, owner_id, name, slug, city, status, description)
  select 'bs' || i, 'bu' || i, 'Toko ' || ($1::text[])[1 + i % array_length($1, 1)] || ' ' || i,
    'toko-bench-' || i, ($2::text[])[1 + i % array_length($2, 1)],
    case when i % 100 = 0 then 'closed' when i % 37 = 0 then 'holiday' else 'open' end,
    'Toko resmi dengan pengiriman cepat.'
  from generate_series(1, ${STORES}) i`,
  [BRANDS, CITIES],
);
await step(
  "stock locations",
  `
  insert into stock_locations (id, store_id, name, city, is_default)
  select 'bl' || i, 'bs' || i, 'Gudang Utama', ($1::text[])[1 + i % array_length($1, 1)], true
  from generate_series(1, ${STORES}) i`,
  [CITIES],
);

// The tree, built here (200 rows): leaves carry the noun their products' titles start with.
const categories: { id: string; parent: string | null; name: string; slug: string; path: string }[] = [];
const leaves: { id: string; noun: string; audience: string }[] = [];
ROOTS.forEach((root, r) => {
  const rootId = `bc${r}`;
  categories.push({ id: rootId, parent: null, name: root.name, slug: `bench-${r}`, path: rootId });
  AUDIENCES.forEach((audience, a) => {
    const midId = `bc${r}_${a}`;
    categories.push({
      id: midId,
      parent: rootId,
      name: `${root.name} ${audience}`,
      slug: `bench-${r}-${a}`,
      path: `${rootId}.${midId}`,
    });
    root.nouns.forEach((noun, n) => {
      const leafId = `bc${r}_${a}_${n}`;
      categories.push({
        id: leafId,
        parent: midId,
        name: `${noun} ${audience}`,
        slug: `bench-${r}-${a}-${n}`,
        path: `${rootId}.${midId}.${leafId}`,
      });
      leaves.push({ id: leafId, noun, audience });
    });
  });
});
await step(
  "categories",
  `
  insert into categories (id, parent_id, name, slug, path, position)
  select c.id, c.parent, c.name, c.slug, c.path::ltree, c.ord::int
  from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) with ordinality as c(id, parent, name, slug, path, ord)`,
  [
    categories.map((c) => c.id),
    categories.map((c) => c.parent),
    categories.map((c) => c.name),
    categories.map((c) => c.slug),
    categories.map((c) => c.path),
  ],
);

const pick = (param: number) => `($${param}::text[])[1 + floor(random() * array_length($${param}, 1))::int]`;
await client.query("create temp table bench_leaves (n int primary key, id text, noun text, audience text)");
await client.query(
  "insert into bench_leaves select ord - 1, id, noun, audience from unnest($1::text[], $2::text[], $3::text[]) with ordinality as l(id, noun, audience, ord)",
  [leaves.map((l) => l.id), leaves.map((l) => l.noun), leaves.map((l) => l.audience)],
);
// Prices: log-uniform from Rp 10.000 to Rp 5.000.000 (sen), variants +0/+10/+20 %.
await step(
  "products",
  `
  insert into products (id, store_id, category_id, title, slug, description, tags, metadata, weight_grams,
    status, hidden_at, hidden_reason, min_price, max_price, in_stock, rating_count, rating_sum, rating_histogram,
    sold_count, published_at, created_at)
  select t.id, t.store_id, t.category_id, t.title,
    trim(both '-' from regexp_replace(lower(t.title), '[^a-z0-9]+', '-', 'g')) || '-' || t.i,
    'Jual ' || t.title || '. ' || initcap(${pick(4)}) || ', bahan ' || ${pick(5)} || ', cocok untuk ' || t.use1 ||
      ' dan ' || ${pick(6)} || '. Garansi resmi ' || t.brand || ', dikirim dari gudang kami hari ini juga.',
    array[lower(split_part(t.noun, ' ', 1)), t.use1, lower(t.colour)], '{}', 200 + floor(random() * 2000)::int,
    t.status, case when t.hidden then now() end, case when t.hidden then 'bench' end,
    t.base, round(t.base * 1.2 / 100) * 100, random() < 0.92,
    t.rating_count, t.rating_sum,
    case when t.rating_base = 4
      then array[0, 0, 0, 5 * t.rating_count - t.rating_sum, t.rating_sum - 4 * t.rating_count]
      else array[0, 0, 4 * t.rating_count - t.rating_sum, t.rating_sum - 3 * t.rating_count, 0] end,
    floor(random() ^ 4 * 5000)::int,
    case when t.status = 'active' then t.created end, t.created
  from (
    select r.*, r.noun || ' ' || r.audience || ' ' || r.qualifier || ' ' || r.brand || ' ' || r.colour as title,
      r.rating_base * r.rating_count + floor(random() * (r.rating_count + 1))::int as rating_sum
    from (
      select g.i, 'bp' || g.i as id, 'bs' || (1 + floor(random() * ${STORES})::int) as store_id,
        l.id as category_id, l.noun, l.audience,
        ${pick(1)} as qualifier, ${pick(2)} as brand, ${pick(3)} as colour, ${pick(6)} as use1,
        case when random() < 0.02 then 'draft' when random() < 0.01 then 'archived' else 'active' end as status,
        random() < 0.01 as hidden,
        (round(exp(ln(1000000) + random() * ln(500)) / 100) * 100)::bigint as base,
        case when random() < 0.3 then 0 else 1 + floor(random() ^ 3 * 300)::int end as rating_count,
        case when random() < 0.3 then 3 else 4 end as rating_base,
        now() - random() * interval '365 days' as created
      from generate_series(1, ${productCount}) g(i)
      join bench_leaves l on l.n = (g.i * 7919) % ${leaves.length}
    ) r
  ) t`,
  [QUALIFIERS, BRANDS, COLOURS, ADJECTIVES, MATERIALS, USES],
);
await step(
  "variants",
  `
  insert into variants (id, product_id, sku, title, options, price, compare_at_price, position)
  select 'bv' || substr(p.id, 3) || '_' || v, p.id, 'SKU-' || substr(p.id, 3) || '-' || v, s.size,
    json_build_object('ukuran', s.size), round(p.min_price * (1 + 0.1 * (v - 1)) / 100) * 100,
    case when abs(hashtext(p.id)) % 5 = 0 then round(p.min_price * (1 + 0.1 * (v - 1)) * 1.25 / 100) * 100 end,
    v - 1
  from products p cross join generate_series(1, 3) v
  cross join lateral (select ($1::text[])[1 + (abs(hashtext(p.id)) + v) % array_length($1, 1)] as size) s
  where p.id like 'bp%'`,
  [SIZES],
);
await step(
  "inventory levels",
  `
  insert into inventory_levels (variant_id, location_id, on_hand, reserved)
  select v.id, 'bl' || substr(p.store_id, 3), case when p.in_stock then 1 + abs(hashtext(v.id)) % 50 else 0 end, 0
  from variants v join products p on p.id = v.product_id
  where p.id like 'bp%'`,
);
await step(
  "images",
  `
  insert into product_images (id, product_id, url, storage_key, alt, position)
  select 'bi' || substr(p.id, 3) || '_' || k, p.id, 'https://img.niaga.test/p/' || p.id || '/' || k || '.webp',
    'bench/' || p.id || '/' || k, p.title, k
  from products p cross join generate_series(0, 1) k
  where p.id like 'bp%'`,
);
await step(
  "store product counts",
  `
  update stores s set product_count = c.n
  from (select store_id, count(*)::int as n from products where status = 'active' group by store_id) c
  where c.store_id = s.id and s.id like 'bs%'`,
);
await step("vacuum analyze", "vacuum (analyze)");
await client.end();
