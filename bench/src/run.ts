// Load scenarios over HTTP against the running API, and the same against a bare Hono + pg
// "ceiling" (started here, in its own process), at 10 and 50 connections. Prints req/s and
// p50/p99 latency, the API's resident memory idle and under load, and checks the targets.
//   DATABASE_URL=… node bench/src/run.ts [--api http://127.0.0.1:3000] [--api-pid N]
//     [--duration 10] [--connections 10,50] [--scenarios list,search,search-mix,detail]
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import pg from "pg";
import { childrenCpuMs, cpuMs } from "./cpu.ts";
import { pidListeningOn, rssMb, sampleRss } from "./rss.ts";
import { COLOURS, ROOTS } from "./words.ts";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? (args[index + 1] ?? fallback) : fallback;
};
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("Set DATABASE_URL to the database the API under test uses");
const apiUrl = option("api", process.env.API_URL ?? "http://127.0.0.1:3000");
const duration = Number(option("duration", "10"));
const connectionSets = option("connections", "10,50").split(",").map(Number);
const scenarioNames = option("scenarios", "list,search,search-mix,detail").split(",");
const apiPid = Number(option("api-pid", "")) || pidListeningOn(Number(new URL(apiUrl).port || 80));
if (!apiPid) throw new Error(`No process found listening on ${apiUrl}; pass --api-pid`);

// The PostgreSQL postmaster, when it runs on this machine: its backends' CPU time is measured too.
const pgPid = pidListeningOn(Number(new URL(databaseUrl).port || 5432));

// Inputs that rotate through each run: category roots for the list, visible slugs for detail.
const db = new pg.Client({ connectionString: databaseUrl });
await db.connect();
const roots = (
  await db.query<{ id: string }>("select id from categories where parent_id is null order by id")
).rows.map((r) => r.id);
const slugs = (
  await db.query<{ slug: string }>(`
    select p.slug from products p join stores s on s.id = p.store_id
    where p.status = 'active' and p.hidden_at is null and s.status <> 'closed'
    order by md5(p.id) limit 2000`)
).rows.map((r) => r.slug);
const productCount = (await db.query<{ n: number }>("select count(*)::int as n from products")).rows[0]?.n ?? 0;
await db.end();
const SEARCH_QUERY = "sepatu lari";
// The search-mix scenario's queries: a different two-word query each request (a product noun,
// or a one-word noun with a colour), so no two requests in flight are alike and none share a
// query; the API's search scenario above repeats one query, as the issue defines it.
const MIXED_QUERIES = ROOTS.flatMap(({ nouns }) =>
  nouns.flatMap((noun) => {
    const words = noun.toLowerCase().split(" ");
    const colours = COLOURS.filter((colour) => !colour.includes(" ")).slice(0, 8);
    return words.length === 2 ? [words.join(" ")] : colours.map((colour) => `${words[0]} ${colour.toLowerCase()}`);
  }),
);

const trpc = (path: string, input: unknown) =>
  `/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
const rotate = <T>(items: T[]) => {
  let index = 0;
  return () => items[index++ % items.length] as T;
};
interface Scenario {
  name: string;
  /** Paths on the API and on the ceiling, rotating through inputs. */
  api: () => string;
  ceiling: () => string;
  target: { p99Ms: number };
}
const nextRoot = rotate(roots);
const nextRootForCeiling = rotate(roots);
const nextMixedQuery = rotate(MIXED_QUERIES);
const nextMixedQueryForCeiling = rotate(MIXED_QUERIES);
const nextSlug = rotate(slugs);
const nextSlugForCeiling = rotate(slugs);
const SCENARIOS: Scenario[] = [
  {
    name: "list",
    api: () => trpc("public.products.list", { categoryId: nextRoot(), sort: "newest", limit: 20 }),
    ceiling: () => `/list?category=${nextRootForCeiling()}`,
    target: { p99Ms: 25 },
  },
  {
    name: "search",
    api: () => trpc("public.search.query", { q: SEARCH_QUERY, limit: 20 }),
    ceiling: () => `/search?q=${encodeURIComponent(SEARCH_QUERY)}`,
    target: { p99Ms: 60 },
  },
  {
    name: "search-mix",
    api: () => trpc("public.search.query", { q: nextMixedQuery(), limit: 20 }),
    ceiling: () => `/search?q=${encodeURIComponent(nextMixedQueryForCeiling())}`,
    target: { p99Ms: 60 },
  },
  {
    name: "detail",
    api: () => trpc("public.products.get", { slug: nextSlug() }),
    ceiling: () => `/detail?slug=${nextSlugForCeiling()}`,
    target: { p99Ms: 15 },
  },
].filter((scenario) => scenarioNames.includes(scenario.name));

async function startCeiling(): Promise<{ url: string; pid: number; stop: () => void }> {
  const child = spawn(process.execPath, [fileURLToPath(new URL("./ceiling.ts", import.meta.url))], {
    env: { ...process.env, PORT: "0", POOL_MAX: process.env.POOL_MAX ?? "10" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`ceiling exited with ${code}`)));
    child.stdout.on("data", (chunk: Buffer) => {
      const match = /ceiling listening (\d+)/.exec(chunk.toString());
      if (match) resolve(Number(match[1]));
    });
  });
  return { url: `http://127.0.0.1:${port}`, pid: child.pid as number, stop: () => child.kill("SIGTERM") };
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU ms per request: the server under load, PostgreSQL's backends, and this load generator. */
  cpu: { server: number; pg: number; generator: number };
}
async function load(baseUrl: string, serverPid: number, nextPath: () => string, connections: number): Promise<Figures> {
  const before = { server: cpuMs(serverPid), pg: pgPid ? childrenCpuMs(pgPid) : 0, generator: process.cpuUsage() };
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration,
    requests: [{ setupRequest: (request) => ({ ...request, path: nextPath() }) }],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    cpu: cpuPerRequest(before, serverPid, result.requests.total),
  };
}

function cpuPerRequest(
  before: { server: number; pg: number; generator: NodeJS.CpuUsage },
  serverPid: number,
  requests: number,
): Figures["cpu"] {
  const per = (ms: number) => ms / Math.max(1, requests);
  const generator = process.cpuUsage(before.generator);
  return {
    server: per(cpuMs(serverPid) - before.server),
    pg: pgPid ? per(childrenCpuMs(pgPid) - before.pg) : Number.NaN,
    generator: per((generator.user + generator.system) / 1000),
  };
}
const cpuText = ({ cpu }: Figures) =>
  `${cpu.server.toFixed(2)}/${cpu.pg.toFixed(2)}/${cpu.generator.toFixed(2)}`.padStart(15);

async function check(url: string) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
}

const ceiling = await startCeiling();
try {
  for (const scenario of SCENARIOS) {
    await check(apiUrl + scenario.api());
    await check(ceiling.url + scenario.ceiling());
  }
  const idleRss = rssMb(apiPid);
  console.log(
    `\n${productCount} products · API pid ${apiPid} · ${duration}s per run · API RSS idle ${idleRss.toFixed(0)} MB\n`,
  );
  console.log(
    "scenario   conns | API req/s   p50   p99 | ceiling req/s  p50   p99 | API/ceiling | cpu ms/req: API  ceiling (server/pg/generator) | targets",
  );
  let peakRss = idleRss;
  const failures: string[] = [];
  for (const scenario of SCENARIOS) {
    // A short warm-up so neither side is measured cold.
    await load(apiUrl, apiPid, scenario.api, 10).catch(() => undefined);
    for (const connections of connectionSets) {
      const sampler = sampleRss(apiPid);
      const api = await load(apiUrl, apiPid, scenario.api, connections);
      peakRss = Math.max(peakRss, sampler.stop());
      const bare = await load(ceiling.url, ceiling.pid, scenario.ceiling, connections);
      const ratio = api.rps / bare.rps;
      const verdicts: string[] = [];
      if (connections === 50) verdicts.push(ratio >= 0.5 ? "ratio ok" : "RATIO < 50%");
      if (connections === 10)
        verdicts.push(api.p99 < scenario.target.p99Ms ? "p99 ok" : `P99 >= ${scenario.target.p99Ms}ms`);
      if (api.errors || bare.errors) verdicts.push(`errors api=${api.errors} ceiling=${bare.errors}`);
      failures.push(
        ...verdicts
          .filter((verdict) => verdict !== "ratio ok" && verdict !== "p99 ok")
          .map((v) => `${scenario.name}@${connections}: ${v}`),
      );
      console.log(
        `${scenario.name.padEnd(10)} ${String(connections).padStart(5)} | ${api.rps.toFixed(0).padStart(9)} ${String(api.p50).padStart(5)} ${String(api.p99).padStart(5)} | ${bare.rps.toFixed(0).padStart(13)} ${String(bare.p50).padStart(4)} ${String(bare.p99).padStart(5)} | ${(ratio * 100).toFixed(0).padStart(10)}% | ${cpuText(api)} ${cpuText(bare)} | ${verdicts.join(", ")}`,
      );
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const afterRss = rssMb(apiPid);
  console.log(
    `\nAPI RSS: idle ${idleRss.toFixed(0)} MB (target < 150), peak under load ${peakRss.toFixed(0)} MB (target < 300), idle after ${afterRss.toFixed(0)} MB`,
  );
  if (idleRss >= 150) failures.push("idle RSS >= 150 MB");
  if (peakRss >= 300) failures.push("RSS under load >= 300 MB");
  console.log(failures.length ? `\nTargets missed: ${failures.join("; ")}` : "\nAll targets met.");
} finally {
  ceiling.stop();
}
