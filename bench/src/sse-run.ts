// Real-time benchmark: N concurrent SSE subscribers (public.live.stock) on one API instance while
// domain events are inserted at a fixed rate. Prints delivery latency p50/p99 (the event's
// created_at to the moment a subscriber has parsed it) and the instance's peak RSS.
//   node bench/src/sse-run.ts [--admin-url postgres://…/postgres] [--subscribers 1000]
//     [--rate 200] [--seconds 20] [--products 100]
// It (re)creates the database `niaga_sse` on the admin URL's server, lets the API migrate it on
// start, seeds one store with `--products` products, and never touches any other database.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { rssMb, sampleRss } from "./rss.ts";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? (args[index + 1] ?? fallback) : fallback;
};
const adminUrl = option("admin-url", "postgres://postgres:postgres@127.0.0.1:5544/postgres");
const subscribers = Number(option("subscribers", "1000"));
const rate = Number(option("rate", "200"));
const seconds = Number(option("seconds", "20"));
const productCount = Number(option("products", "100"));
const port = Number(option("port", "3290"));
const DATABASE = "niaga_sse";
const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${DATABASE}` }).toString();

async function freshDatabase() {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${DATABASE} with (force)`);
  await admin.query(`create database ${DATABASE}`);
  await admin.end();
}

/** The `--flags` between `node` and the entry file in apps/api's `start` script. */
function startScriptFlags(): string[] {
  const manifest = JSON.parse(readFileSync(new URL("../../apps/api/package.json", import.meta.url), "utf8")) as {
    scripts: { start: string };
  };
  return manifest.scripts.start.split(" ").filter((word) => word.startsWith("--"));
}

/** The API as production runs it: its own process, API only. The first start migrates the fresh database. */
async function startApi(migrate: boolean) {
  const main = fileURLToPath(new URL("../../apps/api/src/main.ts", import.meta.url));
  // The Node flags of apps/api's `start` script, so the instance is measured as `npm start` runs it;
  // SSE_NODE_ARGS adds more (e.g. --trace-gc when looking into memory).
  const nodeArgs = [...startScriptFlags(), ...(process.env.SSE_NODE_ARGS ?? "").split(" ").filter(Boolean)];
  const child = spawn(process.execPath, [...nodeArgs, main, "--api-only"], {
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production",
      AUTH_SECRET: "sse-bench-secret-0123456789abcdef-0123456789",
      DATABASE_URL: databaseUrl,
      MIGRATE_ON_START: String(migrate),
      HOST: "127.0.0.1",
      PORT: String(port),
      PUBLIC_API_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    let log = "";
    child.stdout.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      if (process.env.SSE_DEBUG)
        for (const line of chunk.toString().split("\n")) if (line.includes("Mark-Compact")) console.log(line);
      if (log.includes("API listening on")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`API exited with ${code}:\n${log}`)));
  });
  return child;
}

async function seed(db: pg.Client): Promise<string[]> {
  const id = () => randomUUID().replaceAll("-", "");
  const owner = id();
  const store = id();
  const location = id();
  const category = id();
  await db.query(
    `insert into "user" (id, name, email, "emailVerified", "createdAt", "updatedAt", role)
     values ($1, 'SSE seller', $2, true, now(), now(), 'seller')`,
    [owner, `sse-${owner}@bench.test`],
  );
  await db.query(`insert into stores (id, owner_id, name, slug) values ($1, $2, 'SSE store', $3)`, [
    store,
    owner,
    `sse-${store.slice(0, 10)}`,
  ]);
  await db.query(`insert into stock_locations (id, store_id, name, is_default) values ($1, $2, 'Gudang', true)`, [
    location,
    store,
  ]);
  await db.query(`insert into categories (id, name, slug, path) values ($1, 'SSE', $2, $3::ltree)`, [
    category,
    `sse-${category.slice(0, 10)}`,
    `c${category.slice(0, 10)}`,
  ]);
  const products: string[] = [];
  for (let index = 0; index < productCount; index += 1) {
    const product = id();
    const variant = id();
    products.push(product);
    await db.query(
      `insert into products (id, store_id, category_id, title, slug, metadata, status, in_stock, published_at)
       values ($1, $2, $3, $4, $5, '{}', 'active', true, now())`,
      [product, store, category, `Produk ${index}`, `produk-${product.slice(0, 12)}`],
    );
    await db.query(`insert into variants (id, product_id, sku, price) values ($1, $2, $3, 10000)`, [
      variant,
      product,
      `SKU-${index}`,
    ]);
    await db.query(`insert into inventory_levels (variant_id, location_id, on_hand) values ($1, $2, 100)`, [
      variant,
      location,
    ]);
  }
  return products;
}

interface Subscriber {
  snapshot: Promise<void>;
  close: () => void;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
const latencies: number[] = [];
let delivered = 0;

/** One SSE stream, parsed by hand: `data:` lines carry superjson `{ json: { event, … } }`. */
function subscribe(productId: string): Subscriber {
  const input = encodeURIComponent(JSON.stringify({ json: { productId } }));
  let resolveSnapshot: () => void = () => {};
  const snapshot = new Promise<void>((resolve) => {
    resolveSnapshot = resolve;
  });
  const request = http.get(
    { host: "127.0.0.1", port, path: `/trpc/public.live.stock?input=${input}`, agent },
    (response) => {
      response.setEncoding("utf8");
      let buffer = "";
      response.on("data", (chunk: string) => {
        const now = Date.now();
        buffer += chunk;
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf("\n\n");
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (!data || block.startsWith("event:")) continue;
          const message = JSON.parse(data) as { json: { event: { occurredAt: string } | null } };
          if (!message.json.event) {
            resolveSnapshot();
            continue;
          }
          delivered += 1;
          latencies.push(now - Date.parse(message.json.event.occurredAt));
        }
      });
    },
  );
  request.on("error", () => {});
  return { snapshot, close: () => request.destroy() };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

await freshDatabase();
// Migrate with a throwaway instance, then measure one that only serves (as a deployment runs
// migrations once, not in every instance), so the migrator's memory is not counted.
const migrator = await startApi(true);
migrator.kill("SIGTERM");
await new Promise((resolve) => migrator.once("exit", resolve));
const api = await startApi(false);
const pid = api.pid ?? 0;
const db = new pg.Client({ connectionString: databaseUrl });
await db.connect();
const products = await seed(db);
const idleRss = rssMb(pid);

const streams = Array.from({ length: subscribers }, (_, index) => subscribe(products[index % products.length] ?? ""));
const connectStart = Date.now();
await Promise.all(streams.map((stream) => stream.snapshot));
const connectedRss = rssMb(pid);
console.log(
  `${subscribers} subscribers connected in ${Date.now() - connectStart} ms; RSS ${Math.round(connectedRss)} MB`,
);
const rss = sampleRss(pid);

// Events at `rate` per second: every 10 ms a tick inserts what the schedule owes by then (so a late
// tick catches up), each a stock.low row about a random product, reaching that product's
// subscribers (subscribers/products of them).
const emitters = new pg.Pool({ connectionString: databaseUrl, max: 4 });
let emitted = 0;
const started = Date.now();
const inFlight: Promise<unknown>[] = [];
await new Promise<void>((resolve) => {
  const timer = setInterval(() => {
    const elapsed = Date.now() - started;
    if (elapsed >= seconds * 1000) {
      clearInterval(timer);
      resolve();
      return;
    }
    const count = Math.floor((elapsed / 1000) * rate) - emitted;
    if (count <= 0) return;
    const values: string[] = [];
    const params: string[] = [];
    for (let index = 0; index < count; index += 1) {
      const product = products[Math.floor(Math.random() * products.length)] ?? "";
      params.push(product);
      values.push(
        `('stock.low', 'product', $${params.length}, jsonb_build_object('productId', $${params.length}::text, 'available', 3, 'threshold', 5))`,
      );
    }
    emitted += count;
    inFlight.push(
      emitters.query(
        `insert into domain_events (type, aggregate_type, aggregate_id, payload) values ${values.join(", ")}`,
        params,
      ),
    );
  }, 10);
});
await Promise.all(inFlight);
await emitters.end();
// Let the last events arrive.
await new Promise((resolve) => setTimeout(resolve, 1500));
const peakRss = rss.stop();

const expected = emitted * (subscribers / products.length);
const sorted = [...latencies].sort((x, y) => x - y);
const p50 = percentile(sorted, 50);
const p99 = percentile(sorted, 99);
console.log(
  JSON.stringify(
    {
      subscribers,
      ratePerSecond: rate,
      seconds,
      eventsEmitted: emitted,
      deliveriesExpected: expected,
      deliveriesReceived: delivered,
      latencyMs: { p50, p99, max: sorted.at(-1) },
      rssMb: { idle: Math.round(idleRss), connected: Math.round(connectedRss), peak: Math.round(peakRss) },
      targets: { p99Under200ms: p99 < 200, rssUnder300Mb: peakRss < 300, allDelivered: delivered === expected },
    },
    null,
    2,
  ),
);

for (const stream of streams) stream.close();
await db.end();
api.kill("SIGTERM");
await new Promise((resolve) => api.once("exit", resolve));
agent.destroy();
