// The checkout benchmark: drives `customer.checkout.place` over tRPC HTTP against the running
// API, every request as the next unused seeded shopper (its own API key, a unique idempotency
// key, a full cart), for the "spread" scenario (3 lines from 2 stores) and then the "hot" one
// (everyone buys one variant), at 10 and 50 connections. Each run is bounded by its number of
// requests, and never reuses a shopper: one that already has a checkout or an empty cart is
// skipped, so the script can run again until the seeded shoppers are used up (then reseed with
// `checkout-seed.ts --reset`). After the hot runs it checks in SQL that nothing was oversold.
//   DATABASE_URL=… node bench/src/checkout-run.ts [--api http://127.0.0.1:3100] [--api-pid N]
//     [--connections 10,50] [--scenarios spread,hot] [--spread-per-run N] [--hot-per-run 1000,3000]
//     [--warmup 200] [--timeout 20]
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import autocannon from "autocannon";
import pg from "pg";
import type { Shopper, ShopperFile } from "./checkout-shoppers.ts";
import { SHOPPERS_FILE, shopperIdPrefix, startingWith } from "./checkout-shoppers.ts";
import { childrenCpuMs, cpuMs } from "./cpu.ts";
import { pidListeningOn, rssMb, sampleRss } from "./rss.ts";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? (args[index + 1] ?? fallback) : fallback;
};
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("Set DATABASE_URL to the database the API under test uses");
const apiUrl = option("api", process.env.API_URL ?? "http://127.0.0.1:3100");
const connectionSets = option("connections", "10,50").split(",").map(Number);
const scenarioNames = option("scenarios", "spread,hot").split(",");
const warmup = Number(option("warmup", "200"));
const timeoutSeconds = Number(option("timeout", "20"));
const apiPid = Number(option("api-pid", "")) || pidListeningOn(Number(new URL(apiUrl).port || 80));
if (!apiPid) throw new Error(`No process found listening on ${apiUrl}; pass --api-pid`);
// The PostgreSQL postmaster, when it runs on this machine: its backends' CPU time is measured too.
const pgPid = pidListeningOn(Number(new URL(databaseUrl).port || 5432));

const TARGETS = { spreadRps50: 300, hotRps50: 100, spreadP99At10Ms: 100 };
const seeded = JSON.parse(readFileSync(SHOPPERS_FILE, "utf8")) as ShopperFile;

const db = new pg.Client({ connectionString: databaseUrl });
await db.connect();
const monitor = new pg.Client({ connectionString: databaseUrl });
await monitor.connect();

/**
 * Samples pg_stat_activity every 100 ms while a run goes: how many of the API's backends are
 * busy on average, and how many of those wait for a row lock (the hot variant's queue).
 */
function sampleBackends() {
  let samples = 0;
  let active = 0;
  let lockWaits = 0;
  let inFlight = false;
  const timer = setInterval(() => {
    if (inFlight) return;
    inFlight = true;
    monitor
      .query<{ active: number; lock: number }>(
        `select count(*) filter (where state <> 'idle')::int as active,
           count(*) filter (where wait_event_type = 'Lock')::int as lock
         from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()
           and backend_type = 'client backend'`,
      )
      .then((result) => {
        samples += 1;
        active += result.rows[0]?.active ?? 0;
        lockWaits += result.rows[0]?.lock ?? 0;
      })
      .catch(() => undefined)
      .finally(() => {
        inFlight = false;
      });
  }, 100);
  return {
    stop: () => {
      clearInterval(timer);
      return { active: active / Math.max(samples, 1), lockWaits: lockWaits / Math.max(samples, 1) };
    },
  };
}

/** Shoppers whose cart is still full and who have never checked out, in seeded order. */
async function freshShoppers(all: readonly Shopper[]): Promise<Shopper[]> {
  const rows = await db.query<{ id: string }>(
    `select u.id from unnest($1::text[]) as u(id)
     where exists (select 1 from carts c join cart_lines l on l.cart_id = c.id where c.customer_id = u.id)
       and not exists (select 1 from checkouts k where k.customer_id = u.id)`,
    [all.map((s) => s.userId)],
  );
  const fresh = new Set(rows.rows.map((r) => r.id));
  return all.filter((s) => fresh.has(s.userId));
}

/** The run's shoppers split per connection count: explicit sizes, or an even split of what is left. */
function plan(shoppers: Shopper[], sizes: string | null): Shopper[][] {
  const counts = sizes
    ? sizes.split(",").map(Number)
    : connectionSets.map(() => Math.floor(shoppers.length / connectionSets.length));
  const total = counts.reduce((a, b) => a + b, 0);
  if (counts.length !== connectionSets.length || total > shoppers.length) {
    throw new Error(
      `Asked for ${counts.join("+")} shoppers, ${shoppers.length} fresh ones left: reseed with checkout-seed.ts --reset`,
    );
  }
  let offset = 0;
  return counts.map((count) => {
    const slice = shoppers.slice(offset, offset + count);
    offset += count;
    return slice;
  });
}

interface Outcome {
  connections: number;
  requests: number;
  ok: number;
  /** Checkouts/s (2xx only) over the whole run. */
  rps: number;
  /** Checkouts/s from the start to the last 2xx: the rate while stock lasted (hot). */
  rpsWhileSelling: number;
  p50: number;
  p99: number;
  seconds: number;
  byStatus: Map<string, number>;
  samples: Map<string, string>;
  peakRssMb: number;
  /** CPU time per request (ms): the API process, the PostgreSQL backends, this load generator. */
  cpu: { api: number; pg: number; driver: number };
  /** Average API backends busy in PostgreSQL, and of those waiting on a lock. */
  backends: { active: number; lockWaits: number };
  /** The machine's 1-minute load average at the end (2 cores: above 2 means queueing). */
  load: number;
  /** WAL the cluster wrote per request (KB): the same code writes the same, however fast the machine runs. */
  walKb: number;
}

/** Bytes of WAL written since the cluster began, read off its insert position (exact, no stats lag). */
async function walPosition(): Promise<number> {
  const row = await db.query<{ bytes: string }>(
    "select pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::text as bytes",
  );
  return Number(row.rows[0]?.bytes ?? 0);
}

const runTag = Date.now().toString(36);
async function drive(shoppers: readonly Shopper[], connections: number): Promise<Outcome> {
  let next = 0;
  let ok = 0;
  let lastOkAt = 0;
  let lastResponseAt = 0;
  const byStatus = new Map<string, number>();
  const samples = new Map<string, string>();
  const sampler = sampleRss(apiPid as number);
  const backendSampler = sampleBackends();
  const walBefore = await walPosition();
  const cpuBefore = { api: cpuMs(apiPid as number), pg: pgPid ? childrenCpuMs(pgPid) : 0, driver: process.cpuUsage() };
  const started = performance.now();
  const result = await autocannon({
    url: apiUrl,
    connections: Math.min(connections, shoppers.length),
    amount: shoppers.length,
    timeout: timeoutSeconds,
    requests: [
      {
        method: "POST",
        path: "/trpc/customer.checkout.place",
        setupRequest: (request) => {
          // Never reused: past the end (autocannon building a request it will not send) there is nothing left.
          const shopper = shoppers[next++];
          if (!shopper) return request;
          return {
            ...request,
            headers: { "content-type": "application/json", "x-api-key": shopper.key },
            body: JSON.stringify({
              json: {
                idempotencyKey: `bench-${runTag}-${shopper.userId}`,
                addressId: shopper.addressId,
                shipping: shopper.storeIds.map((storeId) => ({ storeId, courier: "jne", service: "REG" })),
              },
            }),
          };
        },
        onResponse: (status, body) => {
          lastResponseAt = performance.now();
          byStatus.set(String(status), (byStatus.get(String(status)) ?? 0) + 1);
          if (status >= 200 && status < 300) {
            ok += 1;
            lastOkAt = performance.now();
          } else if (!samples.has(String(status))) {
            samples.set(String(status), errorMessage(body));
          }
        },
      },
    ],
  });
  // Until the last answer: autocannon notices a run bounded by `amount` is over only at its next
  // sample tick (once a second), which had rounded every run's time up to whole seconds.
  const seconds = ((lastResponseAt || performance.now()) - started) / 1000;
  const peakRssMb = sampler.stop();
  const backends = backendSampler.stop();
  const driverCpu = process.cpuUsage(cpuBefore.driver);
  const per = (ms: number) => ms / shoppers.length;
  const cpu = {
    api: per(cpuMs(apiPid as number) - cpuBefore.api),
    pg: pgPid ? per(childrenCpuMs(pgPid) - cpuBefore.pg) : Number.NaN,
    driver: per((driverCpu.user + driverCpu.system) / 1000),
  };
  const walKb = per((await walPosition()) - walBefore) / 1024;
  const lost = result.errors + result.timeouts;
  if (lost) byStatus.set("socket/timeout", lost);
  return {
    connections,
    requests: shoppers.length,
    ok,
    rps: ok / seconds,
    rpsWhileSelling: ok && lastOkAt ? ok / ((lastOkAt - started) / 1000) : 0,
    p50: result.latency.p50,
    p99: result.latency.p99,
    seconds,
    byStatus,
    samples,
    peakRssMb,
    cpu,
    backends,
    load: loadavg()[0] ?? 0,
    walKb,
  };
}

function errorMessage(body: string | undefined): string {
  try {
    const parsed = JSON.parse(body ?? "") as { error?: { json?: { message?: string } } };
    return (parsed.error?.json?.message ?? String(body)).slice(0, 120);
  } catch {
    return String(body).slice(0, 120);
  }
}

/** Oversold and consistency checks for the hot variant, from the database after the runs. */
async function hotStockReport() {
  const { variantId, locationId, stock } = seeded.hot;
  const level = (
    await db.query<{ on_hand: number; reserved: number }>(
      "select on_hand, reserved from inventory_levels where variant_id = $1 and location_id = $2",
      [variantId, locationId],
    )
  ).rows[0];
  const holds = (
    await db.query<{ held: number; committed: number; checkouts: number }>(
      `select coalesce(sum(quantity) filter (where status = 'held'), 0)::int as held,
         coalesce(sum(quantity) filter (where status = 'committed'), 0)::int as committed,
         count(distinct checkout_id) filter (where status in ('held', 'committed'))::int as checkouts
       from stock_holds where variant_id = $1`,
      [variantId],
    )
  ).rows[0] ?? { held: 0, committed: 0, checkouts: 0 };
  const lines = (
    await db.query<{ units: number }>(
      "select coalesce(sum(quantity), 0)::int as units from order_lines where variant_id = $1 and customer_id like $2",
      [variantId, startingWith(shopperIdPrefix("h", seeded.tag))],
    )
  ).rows[0]?.units;
  const bad = (
    await db.query<{ n: number }>(
      "select count(*)::int as n from inventory_levels where reserved > on_hand or on_hand < 0 or reserved < 0",
    )
  ).rows[0]?.n;
  const sold = holds.held + holds.committed;
  return {
    level,
    sold,
    orderUnits: lines ?? 0,
    stock,
    oversold: Math.max(0, sold - stock),
    badLevels: bad ?? 0,
    holds,
  };
}

/** Bench levels whose reserved units differ from what their held bench holds account for. */
async function spreadConsistency() {
  const rows = await db.query<{ n: number }>(
    `select count(*)::int as n from (
       select h.variant_id, h.location_id, sum(h.quantity) as held
       from stock_holds h join checkouts k on k.id = h.checkout_id
       where k.customer_id like $1 and h.status = 'held' group by 1, 2) d
     join inventory_levels l on l.variant_id = d.variant_id and l.location_id = d.location_id
     where l.reserved < d.held or l.reserved > l.on_hand`,
    [startingWith(shopperIdPrefix("s", seeded.tag))],
  );
  return rows.rows[0]?.n ?? 0;
}

const fmt = (n: number, width: number, digits = 0) => n.toFixed(digits).padStart(width);
const statusText = (outcome: Outcome) =>
  [...outcome.byStatus]
    .filter(([status]) => !status.startsWith("2"))
    .map(([status, count]) => `${status}×${count}`)
    .join(" ") || "-";

const idleRss = rssMb(apiPid);
const spreadFresh = await freshShoppers(seeded.spread);
const hotFresh = await freshShoppers(seeded.hot.shoppers);
console.log(
  `API ${apiUrl} pid ${apiPid} · RSS idle ${idleRss.toFixed(0)} MB · fresh shoppers: ${spreadFresh.length} spread, ${hotFresh.length} hot · hot variant ${seeded.hot.variantId} (${seeded.hot.stock} units seeded)`,
);

const warmupShoppers = scenarioNames.includes("spread") ? spreadFresh.slice(0, warmup) : [];
if (warmupShoppers.length) {
  const warm = await drive(warmupShoppers, 10);
  console.log(`warm-up: ${warm.ok}/${warm.requests} ok in ${warm.seconds.toFixed(1)} s (${statusText(warm)})`);
}

const results: { scenario: string; outcome: Outcome; verdicts: string[] }[] = [];
const failures: string[] = [];
let peakRss = idleRss;
console.log(
  "\nscenario conns  reqs |  2xx  checkouts/s  p50 ms  p99 ms  secs | cpu ms/req: api   pg  gen load | wal KB/req | pg busy lock | errors by status | targets",
);
for (const scenario of ["spread", "hot"].filter((name) => scenarioNames.includes(name))) {
  const pool = scenario === "spread" ? spreadFresh.slice(warmupShoppers.length) : hotFresh;
  const perRun = option("spread-per-run", "");
  const runs = plan(
    pool,
    scenario === "hot"
      ? option("hot-per-run", connectionSets.length === 2 ? "1000,3000" : "") || null
      : perRun && connectionSets.map(() => perRun).join(","),
  );
  for (const [index, connections] of connectionSets.entries()) {
    const shoppers = runs[index] ?? [];
    if (shoppers.length === 0) continue;
    const outcome = await drive(shoppers, connections);
    peakRss = Math.max(peakRss, outcome.peakRssMb);
    const verdicts: string[] = [];
    if (scenario === "spread" && connections === 50)
      verdicts.push(`≥${TARGETS.spreadRps50}/s ${outcome.rps >= TARGETS.spreadRps50 ? "ok" : "MISSED"}`);
    if (scenario === "spread" && connections === 10)
      verdicts.push(`p99<${TARGETS.spreadP99At10Ms}ms ${outcome.p99 < TARGETS.spreadP99At10Ms ? "ok" : "MISSED"}`);
    if (scenario === "hot" && connections === 50) {
      // While stock lasts: once it is gone every further request is a (fast, correct) 409.
      const rate = outcome.rpsWhileSelling;
      verdicts.push(
        `≥${TARGETS.hotRps50}/s ${rate >= TARGETS.hotRps50 ? "ok" : "MISSED"} (${rate.toFixed(0)}/s while selling)`,
      );
    }
    failures.push(...verdicts.filter((v) => v.includes("MISSED")).map((v) => `${scenario}@${connections}: ${v}`));
    results.push({ scenario, outcome, verdicts });
    console.log(
      `${scenario.padEnd(8)} ${fmt(connections, 5)} ${fmt(outcome.requests, 5)} | ${fmt(outcome.ok, 4)} ${fmt(outcome.rps, 12, 1)} ${fmt(outcome.p50, 7)} ${fmt(outcome.p99, 7)} ${fmt(outcome.seconds, 5, 1)} |            ${fmt(outcome.cpu.api, 4, 1)} ${fmt(outcome.cpu.pg, 4, 1)} ${fmt(outcome.cpu.driver, 4, 1)} ${fmt(outcome.load, 4, 1)} | ${fmt(outcome.walKb, 10, 1)} | ${fmt(outcome.backends.active, 4, 1)} ${fmt(outcome.backends.lockWaits, 4, 1)} | ${statusText(outcome).padEnd(16)} | ${verdicts.join(", ")}`,
    );
  }
}

for (const { scenario, outcome } of results) {
  for (const [status, message] of outcome.samples)
    console.log(`  ${scenario}@${outcome.connections} ${status}: ${message}`);
}
if (scenarioNames.includes("spread")) {
  const inconsistent = await spreadConsistency();
  console.log(`\nspread: levels whose reserved does not cover their held units: ${inconsistent}`);
  if (inconsistent) failures.push(`spread: ${inconsistent} inconsistent levels`);
}
if (scenarioNames.includes("hot")) {
  const hot = await hotStockReport();
  const hotOk = results.filter((r) => r.scenario === "hot").reduce((sum, r) => sum + r.outcome.ok, 0);
  console.log(
    `hot: stock ${hot.stock} · units sold (held+committed) ${hot.sold} in ${hot.holds.checkouts} checkouts · order-line units ${hot.orderUnits} · 2xx this run ${hotOk} · level now on_hand ${hot.level?.on_hand} reserved ${hot.level?.reserved} · OVERSOLD ${hot.oversold} · levels with reserved>on_hand or negative: ${hot.badLevels}`,
  );
  if (hot.oversold > 0) failures.push(`hot: OVERSOLD ${hot.oversold}`);
  if (hot.badLevels > 0) failures.push(`${hot.badLevels} levels inconsistent`);
  if (hot.level && hot.level.reserved !== hot.holds.held) failures.push("hot: reserved differs from held units");
  if (hot.orderUnits !== hot.sold) failures.push("hot: order lines differ from held units");
}
await new Promise((resolve) => setTimeout(resolve, 2000));
console.log(
  `\nAPI RSS: idle ${idleRss.toFixed(0)} MB, peak under load ${peakRss.toFixed(0)} MB, after ${rssMb(apiPid).toFixed(0)} MB`,
);
console.log(
  failures.length ? `\nTargets missed / checks failed: ${failures.join("; ")}` : "\nAll targets met, nothing oversold.",
);
await db.end();
await monitor.end();
