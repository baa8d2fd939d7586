// Profiling aid for the checkout benchmark (not used by the API itself): preload it into the API
// process to count and time every SQL statement the pg driver runs, grouped by its text.
//   node --import /work/main/bench/src/count-queries.ts src/main.ts     (in apps/api)
// `kill -USR2 <pid>` writes the table since the last dump to QUERY_STATS_FILE (default
// /tmp/niaga-query-stats.txt) and starts counting afresh.
import { writeFileSync } from "node:fs";
import pg from "pg";

interface Stat {
  calls: number;
  ms: number;
}
let stats = new Map<string, Stat>();
let since = performance.now();
const file = process.env.QUERY_STATS_FILE ?? "/tmp/niaga-query-stats.txt";

const record = (text: string, started: number) => {
  const key = text.replace(/\s+/g, " ").trim().slice(0, 110);
  const stat = stats.get(key) ?? { calls: 0, ms: 0 };
  stat.calls += 1;
  stat.ms += performance.now() - started;
  stats.set(key, stat);
};

type Query = (this: pg.Client, ...args: unknown[]) => unknown;
const original = pg.Client.prototype.query as unknown as Query;
(pg.Client.prototype as unknown as { query: Query }).query = function query(this: pg.Client, ...args: unknown[]) {
  const config = args[0] as string | { text?: string } | undefined;
  const text = typeof config === "string" ? config : (config?.text ?? "?");
  const started = performance.now();
  const result = original.apply(this, args);
  if (result && typeof (result as Promise<unknown>).then === "function") {
    (result as Promise<unknown>).then(
      () => record(text, started),
      () => record(`[failed] ${text}`, started),
    );
  }
  return result;
};

process.on("SIGUSR2", () => {
  const seconds = (performance.now() - since) / 1000;
  const rows = [...stats].sort((a, b) => b[1].ms - a[1].ms);
  const total = rows.reduce((sum, [, stat]) => sum + stat.calls, 0);
  const lines = rows.map(
    ([text, stat]) =>
      `${String(stat.calls).padStart(7)} ${stat.ms.toFixed(0).padStart(8)} ms ${(stat.ms / stat.calls).toFixed(2).padStart(7)} ms/call  ${text}`,
  );
  writeFileSync(
    file,
    `${total} statements in ${seconds.toFixed(1)} s\n  calls    total    mean\n${lines.join("\n")}\n`,
  );
  stats = new Map();
  since = performance.now();
});
