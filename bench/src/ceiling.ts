// The ceiling: a bare Hono server with its own pg pool that answers each scenario with ONE
// hand-written SQL statement returning JSON — no tRPC, no validation, no auth, no DTO mapping.
// The API's figures are compared with these. Run by run.ts in its own process.
//   DATABASE_URL=… PORT=… POOL_MAX=10 node bench/src/ceiling.ts
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_MAX ?? 10) });
pool.on("error", () => {});

const CARD = `p.id, p.slug, p.title, p.min_price as "minPrice",
  (select v.compare_at_price from variants v where v.product_id = p.id and v.archived_at is null
    order by v.price, v.position, v.id limit 1) as "compareAtPrice",
  (select i.url from product_images i where i.product_id = p.id order by i.position, i.id limit 1) as "imageUrl",
  json_build_object('name', s.name, 'slug', s.slug) as store,
  json_build_object('average', round(p.rating_sum::numeric / nullif(p.rating_count, 0), 2), 'count', p.rating_count) as rating,
  p.in_stock as "inStock"`;

// Newest first in a category subtree, 20 per page.
const LIST = `select coalesce(json_agg(t), '[]') as items from (
  select ${CARD} from products p join stores s on s.id = p.store_id
  where p.status = 'active' and p.hidden_at is null and s.status <> 'closed' and p.published_at is not null
    and p.category_id = any(array(select c.id from categories c where c.path <@ (select r.path from categories r where r.id = $1)))
  order by p.published_at desc, p.id desc limit 21) t`;

// Full-text matches ranked by ts_rank_cd, the first page and the four facets.
const SEARCH = `with m as materialized (
    select p.*, s.name as store_name, s.slug as store_slug,
      ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', p.search_vector, websearch_to_tsquery('simple', $1), 32) as score
    from products p join stores s on s.id = p.store_id
    where p.search_vector @@ websearch_to_tsquery('simple', $1)
      and p.status = 'active' and p.hidden_at is null and s.status <> 'closed')
  select
    (select coalesce(json_agg(t), '[]') from (
      select ${CARD.replace("json_build_object('name', s.name, 'slug', s.slug)", "json_build_object('name', p.store_name, 'slug', p.store_slug)")}
      from m p order by p.score desc, p.id desc limit 21) t) as items,
    (select count(*) from m) as total,
    (select json_agg(t) from (select c.id, c.name, c.slug, count(*) from m join categories c on c.id = m.category_id
      group by c.id order by count(*) desc, c.name limit 10) t) as categories,
    (select json_agg(t) from (select m.store_id, m.store_name, m.store_slug, count(*) from m
      group by 1, 2, 3 order by count(*) desc, 2 limit 10) t) as stores,
    (select json_build_array(
      count(*) filter (where min_price < 5000000),
      count(*) filter (where min_price >= 5000000 and min_price < 10000000),
      count(*) filter (where min_price >= 10000000 and min_price < 25000000),
      count(*) filter (where min_price >= 25000000 and min_price < 50000000),
      count(*) filter (where min_price >= 50000000 and min_price < 100000000),
      count(*) filter (where min_price >= 100000000 and min_price < 500000000),
      count(*) filter (where min_price >= 500000000)) from m) as prices,
    (select json_build_array(
      count(*) filter (where rating_count > 0 and rating_sum >= 4 * rating_count),
      count(*) filter (where rating_count > 0 and rating_sum >= 3 * rating_count),
      count(*) filter (where rating_count > 0 and rating_sum >= 2 * rating_count),
      count(*) filter (where rating_count > 0 and rating_sum >= 1 * rating_count)) from m) as ratings`;

// Product detail by slug: the product, its store and category, variants with availability, images.
const DETAIL = `select p.id, p.title, p.slug, p.description, p.tags, p.metadata, p.weight_grams, p.min_price,
    p.max_price, p.in_stock, p.sold_count, p.published_at, p.rating_sum, p.rating_count, p.rating_histogram,
    json_build_object('id', c.id, 'name', c.name, 'slug', c.slug) as category,
    json_build_object('id', s.id, 'name', s.name, 'slug', s.slug, 'city', s.city, 'status', s.status,
      'ratingSum', s.rating_sum, 'ratingCount', s.rating_count) as store,
    (select coalesce(json_agg(v order by v.position, v.id), '[]') from (
      select v.id, v.sku, v.title, v.options, v.price, v.compare_at_price, v.position,
        (select coalesce(sum(greatest(l.on_hand - l.reserved, 0)), 0) from inventory_levels l where l.variant_id = v.id) as available
      from variants v where v.product_id = p.id and v.archived_at is null) v) as variants,
    (select coalesce(json_agg(i order by i.position, i.id), '[]') from (
      select i.id, i.url, i.alt, i.position from product_images i where i.product_id = p.id) i) as images
  from products p join stores s on s.id = p.store_id join categories c on c.id = p.category_id
  where p.slug = $1 and p.status = 'active' and p.hidden_at is null and s.status <> 'closed'`;

const app = new Hono();
app.get("/list", async (c) => c.json((await pool.query(LIST, [c.req.query("category")])).rows[0]));
app.get("/search", async (c) => c.json((await pool.query(SEARCH, [c.req.query("q")])).rows[0]));
app.get("/detail", async (c) => {
  const row = (await pool.query(DETAIL, [c.req.query("slug")])).rows[0];
  return row ? c.json(row) : c.json({ message: "Not found" }, 404);
});

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: "127.0.0.1" }, (info) =>
  console.log(`ceiling listening ${info.port}`),
);
process.on("SIGTERM", () => server.close(() => void pool.end().then(() => process.exit(0))));
