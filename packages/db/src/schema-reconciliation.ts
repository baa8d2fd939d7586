import type { ColumnType } from "kysely";

// Reconciliation tables (migration 2026-11-24T11-30-reconciliation). Amounts are int8 minor units.

type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type ReconciliationRunStatus = "running" | "succeeded" | "failed" | "skipped";
export type ReconciliationCategory = "payment" | "refund" | "payout";
export type ReconciliationMismatchKind =
  | "missing_at_gateway"
  | "missing_in_ledger"
  | "amount_differs"
  | "status_differs";

export interface ReconciliationRunTable {
  id: string;
  provider: string;
  window_from: ColumnType<Date, Date | string, Date | string>;
  window_to: ColumnType<Date, Date | string, Date | string>;
  status: WithDefault<ReconciliationRunStatus>;
  trigger: "schedule" | "admin";
  gateway_records: WithDefault<number>;
  ledger_records: WithDefault<number>;
  matched: WithDefault<number>;
  mismatches_found: WithDefault<number>;
  mismatches_new: WithDefault<number>;
  error: string | null;
  actor_id: string | null;
  started_at: CreatedAt;
  finished_at: NullableTimestamp;
}

export interface ReconciliationMismatchTable {
  id: string;
  run_id: string;
  last_seen_run_id: string;
  provider: string;
  category: ReconciliationCategory;
  kind: ReconciliationMismatchKind;
  provider_ref: string | null;
  entry_id: string | null;
  /** What the ledger says (null when the ledger has nothing). */
  expected: number | null;
  /** What the gateway says (null when the gateway has nothing). */
  actual: number | null;
  currency: string;
  detail: WithDefault<string>;
  dedupe_key: string;
  status: WithDefault<"open" | "resolved">;
  resolved_by: string | null;
  resolved_at: NullableTimestamp;
  note: string | null;
  created_at: CreatedAt;
}

export interface ReconciliationTables {
  reconciliation_runs: ReconciliationRunTable;
  reconciliation_mismatches: ReconciliationMismatchTable;
}
