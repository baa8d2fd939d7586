import type { LedgerTransactionFilters } from "@niaga/contracts";
import { sql } from "kysely";
import type { Db } from "../shared/db.ts";
import type { ExactCursor } from "../shared/exact-cursor.ts";
import { exactTimestamp, olderThan } from "../shared/exact-cursor.ts";

/** Journal entries matching the admin's filters (store and customer through the owners of the lines' accounts). */
export function filteredEntries(db: Db, filters: LedgerTransactionFilters) {
  let query = db.selectFrom("journal_entries as e");
  if (filters.kind) query = query.where("e.kind", "=", filters.kind);
  if (filters.referenceType) query = query.where("e.reference_type", "=", filters.referenceType);
  if (filters.referenceId) query = query.where("e.reference_id", "=", filters.referenceId);
  if (filters.from) query = query.where("e.created_at", ">=", filters.from);
  if (filters.to) query = query.where("e.created_at", "<", filters.to);
  for (const [ownerType, ownerId] of [
    ["store", filters.storeId],
    ["customer", filters.customerId],
  ] as const) {
    if (!ownerId) continue;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("journal_lines as fl")
          .innerJoin("ledger_accounts as fa", "fa.id", "fl.account_id")
          .select(sql`1`.as("one"))
          .whereRef("fl.entry_id", "=", "e.id")
          .where("fa.owner_type", "=", ownerType)
          .where("fa.owner_id", "=", ownerId),
      ),
    );
  }
  return query;
}

/** One page of entries, newest first, with their gross (sum of debits) and line count. */
export function findTransactionsPage(
  db: Db,
  params: { filters: LedgerTransactionFilters; cursor: ExactCursor | null; limit: number },
) {
  let query = filteredEntries(db, params.filters)
    .innerJoin("journal_lines as l", "l.entry_id", "e.id")
    .groupBy("e.id")
    .select([
      "e.id",
      "e.kind",
      "e.reference_type",
      "e.reference_id",
      "e.memo",
      "e.actor_id",
      "e.created_at",
      exactTimestamp("e.created_at").as("cursor_at"),
      sql<string>`min(l.currency)`.as("currency"),
      sql<number>`coalesce(sum(l.amount) filter (where l.amount > 0), 0)::bigint`.as("amount"),
      sql<number>`count(l.id)::int`.as("line_count"),
    ])
    .orderBy("e.created_at", "desc")
    .orderBy("e.id", "desc")
    .limit(params.limit + 1);
  if (params.cursor) query = query.where(olderThan("e.created_at", "e.id", params.cursor));
  return query.execute();
}

/** Every line of these entries with its account, in entry order (newest first) then line order. */
export function findExportLines(db: Db, params: { filters: LedgerTransactionFilters; limit: number }) {
  const entries = filteredEntries(db, params.filters)
    .select(["e.id", "e.created_at"])
    .orderBy("e.created_at", "desc")
    .orderBy("e.id", "desc")
    .limit(params.limit);
  return db
    .selectFrom(entries.as("page"))
    .innerJoin("journal_entries as e", "e.id", "page.id")
    .innerJoin("journal_lines as l", "l.entry_id", "e.id")
    .innerJoin("ledger_accounts as a", "a.id", "l.account_id")
    .select([
      "e.id as entry_id",
      "e.created_at",
      "e.kind",
      "e.reference_type",
      "e.reference_id",
      "e.memo",
      "l.id as line_id",
      "a.code as account_code",
      "a.kind as account_kind",
      "a.owner_type",
      "a.owner_id",
      "l.amount",
      "l.currency",
    ])
    .orderBy("e.created_at", "desc")
    .orderBy("e.id", "desc")
    .orderBy("l.id")
    .execute();
}

/** How many entries match (for the export's truncation flag). */
export async function countEntries(db: Db, filters: LedgerTransactionFilters, atMost: number): Promise<number> {
  const capped = filteredEntries(db, filters).select("e.id").limit(atMost);
  const row = await db
    .selectFrom(capped.as("capped"))
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
