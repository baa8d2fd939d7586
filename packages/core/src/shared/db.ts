import type { Database } from "@niaga/db";
import type { Kysely, Transaction } from "kysely";

/** A query function takes either the pool-backed instance or a transaction. */
export type Db = Kysely<Database> | Transaction<Database>;

/** Runs `work` in the caller's transaction when given one, else in a new transaction. */
export function inTransaction<T>(db: Db, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<Database>);
  return db.transaction().execute(work);
}
