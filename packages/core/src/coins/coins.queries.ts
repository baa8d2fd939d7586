import type { CoinEntryKind, Database } from "@niaga/db";
import type { Transaction } from "kysely";
import { sql } from "kysely";
import type { Db } from "../shared/db.ts";
import { newId } from "../shared/ids.ts";

/**
 * Creates the customer's coin account if missing and locks it for the rest of the transaction.
 * Every balance change of a customer takes this one row lock first, so changes serialize per
 * customer and the cached balance can be checked and moved without races.
 */
export async function lockAccount(trx: Transaction<Database>, customerId: string): Promise<{ balance: number }> {
  await trx
    .insertInto("coin_accounts")
    .values({ customer_id: customerId })
    .onConflict((oc) => oc.column("customer_id").doNothing())
    .execute();
  return trx
    .selectFrom("coin_accounts")
    .select("balance")
    .where("customer_id", "=", customerId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

/** Locks an existing account without creating one (a customer with no account has no coins). */
export async function lockExistingAccount(
  trx: Transaction<Database>,
  customerId: string,
): Promise<{ balance: number } | undefined> {
  return trx
    .selectFrom("coin_accounts")
    .select("balance")
    .where("customer_id", "=", customerId)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * Appends ledger entries and moves the cached balance by their sum, in the caller's transaction
 * (which must hold the account lock). Returns the new balance.
 */
export async function appendEntries(
  trx: Transaction<Database>,
  customerId: string,
  entries: { delta: number; kind: CoinEntryKind; reference: string | null }[],
): Promise<number> {
  const written = entries.filter((entry) => entry.delta !== 0);
  if (written.length > 0) {
    await trx
      .insertInto("coin_entries")
      .values(written.map((entry) => ({ id: newId(), customer_id: customerId, ...entry })))
      .execute();
  }
  const total = written.reduce((sum, entry) => sum + entry.delta, 0);
  const account = await trx
    .updateTable("coin_accounts")
    .set({ balance: sql<number>`balance + ${total}`, updated_at: sql<Date>`now()` })
    .where("customer_id", "=", customerId)
    .returning("balance")
    .executeTakeFirstOrThrow();
  return account.balance;
}

/** The customer's claims from `fromDate` to `toDate` (inclusive), newest first. */
export async function claimsBetween(db: Db, customerId: string, fromDate: string, toDate: string) {
  return db
    .selectFrom("coin_daily_claims")
    .select([sql<string>`claim_date::text`.as("claim_date"), "streak", "coins"])
    .where("customer_id", "=", customerId)
    .where("claim_date", ">=", sql<string>`${fromDate}::date`)
    .where("claim_date", "<=", sql<string>`${toDate}::date`)
    .orderBy("claim_date", "desc")
    .execute();
}

/** The sum of the customer's ledger entries: the balance by definition. */
export async function ledgerSum(db: Db, customerId: string): Promise<number> {
  const row = await db
    .selectFrom("coin_entries")
    .select(sql<number>`coalesce(sum(delta), 0)::int8`.as("total"))
    .where("customer_id", "=", customerId)
    .executeTakeFirstOrThrow();
  return row.total;
}
