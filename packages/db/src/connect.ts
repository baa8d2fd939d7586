import type { Config } from "@niaga/config";
import type { DbHandle } from "./create-db.ts";
import { createDb } from "./create-db.ts";
import type { RunningPostgres } from "./embedded-postgres.ts";

export interface Connection extends DbHandle {
  /** The embedded server this process started, if DATABASE_URL was not set. */
  embedded: RunningPostgres | null;
  connectionString: string;
  /** Closes the pool, then stops the embedded server: in that order, so no client sees it vanish. */
  shutdown: () => Promise<void>;
}

const EMBEDDED_DATABASE = "niaga";

/** Connects to DATABASE_URL when set; otherwise starts the persistent embedded PostgreSQL. */
export async function connect(config: Config, log: (message: string) => void = () => {}): Promise<Connection> {
  let embedded: RunningPostgres | null = null;
  let connectionString = config.DATABASE_URL;
  if (!connectionString) {
    log(`starting embedded PostgreSQL in ${config.EMBEDDED_PG_DIR} on port ${config.EMBEDDED_PG_PORT}`);
    // Imported only when used: embedded-postgres installs exit hooks on import that call
    // process.exit on SIGTERM, which would cut a worker's graceful shutdown short.
    const { startEmbeddedPostgres } = await import("./embedded-postgres.ts");
    embedded = await startEmbeddedPostgres({
      dataDir: config.EMBEDDED_PG_DIR,
      port: config.EMBEDDED_PG_PORT,
      persistent: true,
    });
    await embedded.createDatabase(EMBEDDED_DATABASE);
    connectionString = embedded.urlFor(EMBEDDED_DATABASE);
  }
  const handle = createDb({
    connectionString,
    max: config.DATABASE_POOL_MAX,
    preparedStatements: config.DATABASE_PREPARED_STATEMENTS,
    onPoolError: (error) => log(`database pool error: ${error.message}`),
  });
  return {
    ...handle,
    embedded,
    connectionString,
    shutdown: async () => {
      await handle.close();
      await embedded?.stop();
    },
  };
}
