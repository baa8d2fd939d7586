import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { prepareStatementsOnConnect } from "./named-statements.ts";
import type { Database } from "./schema.ts";

// int8 (bigint) columns hold money in minor units and counts; they fit a safe integer in practice,
// and returning them as numbers keeps arithmetic and JSON simple. Values beyond 2^53 are refused
// loudly instead of being rounded.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) throw new RangeError(`int8 value ${value} exceeds the safe integer range`);
  return parsed;
});

export interface DbHandle {
  db: Kysely<Database>;
  pool: pg.Pool;
  /** Closes the pool; safe to call twice. */
  close: () => Promise<void>;
}

export interface CreateDbOptions {
  connectionString: string;
  max?: number;
  /**
   * Distinct statements each connection prepares (named, planned once); 0 sends every statement
   * unnamed, for poolers that cannot keep prepared statements (PgBouncer before 1.21 in
   * transaction mode).
   */
  preparedStatements?: number;
  /** Called when an idle client errors (for example when Postgres shuts down under it). */
  onPoolError?: (error: Error) => void;
}

/** One pool and one Kysely instance per process; everything else receives `db` as a parameter. */
export function createDb({
  connectionString,
  max = 10,
  preparedStatements = 256,
  onPoolError,
}: CreateDbOptions): DbHandle {
  const pool = new pg.Pool({ connectionString, max });
  prepareStatementsOnConnect(pool, preparedStatements);
  // Without a listener, an idle client's error (Postgres restarting, the embedded server stopping
  // first on Ctrl-C) would crash the process.
  pool.on("error", (error) => onPoolError?.(error));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    db,
    pool,
    close: async () => {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}
