import type { ColumnType, Generated } from "kysely";

// Ledger tables (migration 2026-11-24T10-00-ledger). Amounts are int8 minor units: positive
// debits, negative credits; an entry's lines sum to zero per currency.

type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;

export type LedgerNormalSide = "debit" | "credit";
export type LedgerOwnerType = "store" | "customer" | "provider";

export interface LedgerAccountTable {
  id: string;
  code: string;
  kind: string;
  normal_side: LedgerNormalSide;
  owner_type: LedgerOwnerType | null;
  owner_id: string | null;
  currency: string;
  /** Cached sum of the account's lines (debit-positive); the invariant check proves it. */
  balance: WithDefault<number>;
  created_at: CreatedAt;
}

export interface JournalEntryTable {
  id: string;
  kind: string;
  reference_type: string;
  reference_id: string;
  idempotency_key: string;
  memo: WithDefault<string>;
  actor_id: string | null;
  created_at: CreatedAt;
}

export interface JournalLineTable {
  id: Generated<number>;
  entry_id: string;
  account_id: string;
  amount: number;
  currency: string;
  created_at: CreatedAt;
}

export interface CommissionRateTable {
  id: string;
  scope: "store" | "category";
  target_id: string;
  rate_bps: number;
  updated_at: CreatedAt;
}

export interface LedgerTables {
  ledger_accounts: LedgerAccountTable;
  journal_entries: JournalEntryTable;
  journal_lines: JournalLineTable;
  commission_rates: CommissionRateTable;
  domain_events: DomainEventTable;
}

/** The transactional outbox (migration 2026-11-24T10-05-domain-events). */
export interface DomainEventTable {
  id: Generated<number>;
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  payload: ColumnType<Record<string, unknown>, string, string>;
  created_at: CreatedAt;
  /** Set by the notifications dispatcher (migration 2026-11-24T12-00-notifications). */
  dispatched_at: ColumnType<Date, Date | string, Date | string> | null;
  dispatch_attempts: ColumnType<number, number | undefined, number>;
  dispatch_error: string | null;
}
