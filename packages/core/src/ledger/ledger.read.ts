import type {
  LedgerAccount,
  LedgerEntryDetail,
  LedgerExport,
  LedgerTransaction,
  LedgerTransactionFilters,
  ListLedgerAccountsInput,
  ListLedgerTransactionsInput,
} from "@niaga/contracts";
import { LEDGER_EXPORT_MAX_ENTRIES } from "@niaga/contracts";
import type { Db } from "../shared/db.ts";
import { DomainError, NotFoundError } from "../shared/errors.ts";
import { decodeExactCursor, pageOf } from "../shared/exact-cursor.ts";
import { readableBalance } from "./ledger.accounts.ts";
import { toCsv } from "./ledger.csv.ts";
import { countEntries, findExportLines, findTransactionsPage } from "./ledger.read.queries.ts";

// Admin reads of the ledger: what money moved, entry by entry. Nothing here writes.

/** Journal entries, newest first, filtered by kind, reference, store, customer and time; keyset-paged. */
export async function listLedgerTransactions(
  db: Db,
  input: ListLedgerTransactionsInput,
): Promise<{ items: LedgerTransaction[]; nextCursor: string | null }> {
  const { limit, cursor, ...filters } = input;
  const rows = await findTransactionsPage(db, {
    filters,
    cursor: cursor ? decodeExactCursor(cursor) : null,
    limit,
  });
  const page = pageOf(rows, limit);
  return {
    items: page.rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      referenceType: row.reference_type,
      referenceId: row.reference_id,
      memo: row.memo,
      actorId: row.actor_id,
      currency: row.currency,
      amount: Number(row.amount),
      lineCount: row.line_count,
      createdAt: row.created_at,
    })),
    nextCursor: page.nextCursor,
  };
}

/** One journal entry with every line and the account each line moved. */
export async function getLedgerEntry(db: Db, params: { id: string }): Promise<LedgerEntryDetail> {
  const entry = await db.selectFrom("journal_entries").selectAll().where("id", "=", params.id).executeTakeFirst();
  if (!entry) throw new NotFoundError("Journal entry");
  const lines = await db
    .selectFrom("journal_lines as l")
    .innerJoin("ledger_accounts as a", "a.id", "l.account_id")
    .select(["l.id", "l.account_id", "a.code", "a.kind", "a.owner_type", "a.owner_id", "l.amount", "l.currency"])
    .where("l.entry_id", "=", entry.id)
    .orderBy("l.id")
    .execute();
  return {
    id: entry.id,
    kind: entry.kind,
    referenceType: entry.reference_type,
    referenceId: entry.reference_id,
    idempotencyKey: entry.idempotency_key,
    memo: entry.memo,
    actorId: entry.actor_id,
    createdAt: entry.created_at,
    lines: lines.map((line) => ({
      id: line.id,
      accountId: line.account_id,
      accountCode: line.code,
      accountKind: line.kind,
      ownerType: line.owner_type,
      ownerId: line.owner_id,
      amount: line.amount,
      currency: line.currency,
    })),
  };
}

function decodeCodeCursor(raw: string): string {
  const code = Buffer.from(raw, "base64url").toString("utf8");
  if (!code) throw new DomainError("INVALID", "The cursor is not valid", { cursor: ["Invalid cursor"] });
  return code;
}

/** Accounts with their cached balances (the invariant check proves them), ordered by code. */
export async function listLedgerAccounts(
  db: Db,
  input: ListLedgerAccountsInput,
): Promise<{ items: LedgerAccount[]; nextCursor: string | null }> {
  let query = db
    .selectFrom("ledger_accounts")
    .select(["id", "code", "kind", "normal_side", "owner_type", "owner_id", "currency", "balance"])
    .orderBy("code")
    .limit(input.limit + 1);
  if (input.ownerType === "platform") query = query.where("owner_type", "is", null);
  else if (input.ownerType) query = query.where("owner_type", "=", input.ownerType);
  if (input.ownerId) query = query.where("owner_id", "=", input.ownerId);
  if (input.kind) query = query.where("kind", "=", input.kind);
  if (input.cursor) query = query.where("code", ">", decodeCodeCursor(input.cursor));
  const rows = await query.execute();
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      code: row.code,
      kind: row.kind,
      normalSide: row.normal_side,
      ownerType: row.owner_type,
      ownerId: row.owner_id,
      currency: row.currency,
      balance: readableBalance(row.normal_side, row.balance),
      debitBalance: row.balance,
    })),
    nextCursor: rows.length > input.limit && last ? Buffer.from(last.code).toString("base64url") : null,
  };
}

export const LEDGER_CSV_HEADER = [
  "entry_id",
  "created_at",
  "kind",
  "reference_type",
  "reference_id",
  "memo",
  "line_id",
  "account_code",
  "account_kind",
  "owner_type",
  "owner_id",
  "amount",
  "currency",
] as const;

/**
 * The filtered entries as CSV, one record per journal line (so a spreadsheet can sum any
 * account), newest entry first. Amounts are signed integers in minor units (debits positive)
 * next to their currency; times are UTC ISO-8601. At most LEDGER_EXPORT_MAX_ENTRIES entries.
 */
export async function exportLedgerCsv(
  db: Db,
  filters: LedgerTransactionFilters,
  params: { now?: Date; maxEntries?: number } = {},
): Promise<LedgerExport> {
  const maxEntries = params.maxEntries ?? LEDGER_EXPORT_MAX_ENTRIES;
  const [lines, matched] = await Promise.all([
    findExportLines(db, { filters, limit: maxEntries }),
    countEntries(db, filters, maxEntries + 1),
  ]);
  const csv = toCsv(
    LEDGER_CSV_HEADER,
    lines.map((line) => [
      line.entry_id,
      line.created_at.toISOString(),
      line.kind,
      line.reference_type,
      line.reference_id,
      line.memo,
      line.line_id,
      line.account_code,
      line.account_kind,
      line.owner_type,
      line.owner_id,
      line.amount,
      line.currency,
    ]),
  );
  const stamp = (params.now ?? new Date()).toISOString().slice(0, 19).replaceAll(":", "");
  return {
    filename: `ledger-${stamp}Z.csv`,
    contentType: "text/csv; charset=utf-8",
    rowCount: lines.length,
    truncated: matched > maxEntries,
    csv,
  };
}
