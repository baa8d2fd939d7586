import { sql } from "kysely";
import type { Db } from "../shared/db.ts";

export interface LedgerCheck {
  ok: boolean;
  /** Entries whose lines do not sum to zero in some currency. */
  unbalancedEntries: { entryId: string; currency: string; sum: number }[];
  /** Accounts whose cached balance differs from the sum of their lines. */
  balanceMismatches: { code: string; cached: number; lines: number }[];
  /** Entries without any line (should never exist). */
  emptyEntries: string[];
}

/** The ledger's invariants, checked from the lines themselves. */
export async function checkLedgerInvariants(db: Db): Promise<LedgerCheck> {
  const unbalanced = await sql<{ entry_id: string; currency: string; sum: string }>`
    select entry_id, currency, sum(amount)::text as sum from journal_lines
    group by entry_id, currency having sum(amount) <> 0`.execute(db);
  const mismatches = await sql<{ code: string; cached: string; lines: string }>`
    select a.code, a.balance::text as cached, coalesce(sum(l.amount), 0)::text as lines
    from ledger_accounts a left join journal_lines l on l.account_id = a.id
    group by a.id having a.balance <> coalesce(sum(l.amount), 0)`.execute(db);
  const empty = await sql<{ id: string }>`
    select e.id from journal_entries e where not exists (select 1 from journal_lines l where l.entry_id = e.id)`.execute(
    db,
  );
  const result = {
    unbalancedEntries: unbalanced.rows.map((row) => ({
      entryId: row.entry_id,
      currency: row.currency,
      sum: Number(row.sum),
    })),
    balanceMismatches: mismatches.rows.map((row) => ({
      code: row.code,
      cached: Number(row.cached),
      lines: Number(row.lines),
    })),
    emptyEntries: empty.rows.map((row) => row.id),
  };
  return {
    ok:
      result.unbalancedEntries.length === 0 &&
      result.balanceMismatches.length === 0 &&
      result.emptyEntries.length === 0,
    ...result,
  };
}
