// The deployable: the HTTP API and the pg-boss worker, together by default or apart
// (`--api-only` / `--worker-only`, or NIAGA_PROCESS=api|worker) so they scale separately.
import { serve } from "@hono/node-server";
import { loadConfig } from "@niaga/config";
import { createLogger } from "@niaga/core/shared/logger";
import { connect } from "@niaga/db";
import type { Worker } from "@niaga/jobs/worker";
import { createApp } from "./app.ts";
import { buildServices } from "./services.ts";
import { releaseStartupMemory } from "./startup-memory.ts";

// The migrator, the demo seeders and the worker (pg-boss) are imported only when this process
// uses them: an API-only process never loads pg-boss, which keeps its resident memory down.

const config = loadConfig();
const args = new Set(process.argv.slice(2));
const mode = args.has("--api-only") ? "api" : args.has("--worker-only") ? "worker" : config.NIAGA_PROCESS;
const logger = createLogger(config.LOG_LEVEL, { process: mode });

const connection = await connect(config, (message) => logger.info(message));
if (config.MIGRATE_ON_START) {
  const { migrateToLatest } = await import("@niaga/db/migrator");
  const applied = await migrateToLatest(connection.db);
  if (applied.length) logger.info("migrations applied", { applied });
}
const services = buildServices({ config, db: connection.db, logger, connectionString: connection.connectionString });

if (args.has("--seed-demo")) {
  const { DEMO_PASSWORD, DEMO_USERS, seedDemoUsers } = await import("./demo-seed.ts");
  const { seedDemoCatalog } = await import("@niaga/core/catalog/demo-seed");
  const { seedDefaultRateTable } = await import("@niaga/core/shipping/rate-table.seed");
  const created = await seedDemoUsers(services.auth, connection.db);
  if (created.length) logger.info("demo users created", { created });
  const demoSeller = await connection.db
    .selectFrom("user")
    .select("id")
    .where("email", "=", "seller@niaga.test")
    .executeTakeFirst();
  if (demoSeller)
    logger.info("demo catalog seeded", await seedDemoCatalog(connection.db, { sellerUserId: demoSeller.id }));
  // The embedded shipping provider quotes from this table; an admin edits it under admin.shipping.rates.
  logger.info("default shipping rates seeded", await seedDefaultRateTable(connection.db));
  console.log(`\nDemo accounts (password for all: ${DEMO_PASSWORD})`);
  for (const user of DEMO_USERS) console.log(`  ${user.role.padEnd(11)} ${user.email}`);
  console.log("");
}

let server: ReturnType<typeof serve> | null = null;
if (mode !== "worker") {
  // The LISTEN connection live subscriptions stream from; a failed connect retries in the background.
  await services.realtime.start();
  server = serve({ fetch: createApp(services).fetch, port: config.PORT, hostname: config.HOST }, (info) =>
    logger.info(`API listening on http://localhost:${info.port}`),
  );
}
let worker: Worker | null = null;
if (mode !== "api") {
  const { startWorker } = await import("@niaga/jobs/worker");
  worker = await startWorker({
    connectionString: connection.connectionString,
    deps: { db: connection.db, logger, config },
    logger,
  });
}

// Started: what loading every module left in the young generation goes back to the system.
releaseStartupMemory();

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info("shutting down", { signal });
  // Stop taking requests and jobs first, then close the pool, then stop an embedded Postgres.
  // Live streams end first (their clients reconnect to another instance and replay), else the
  // server would wait on them forever.
  await services.realtime.stop();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await worker?.stop();
  await connection.shutdown();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
