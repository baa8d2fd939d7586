import type { ColumnType } from "kysely";

// Tables of the coins module (migration 2026-11-23T10-20-coins). Coin amounts are int8 whole
// coins, parsed to safe integers by the pool (see create-db.ts).

type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;

export type CoinEntryKind = "daily_claim" | "streak_bonus" | "checkout_redeem" | "checkout_refund" | "adjustment";

/** One per customer who ever held coins: the cached balance (sum of entries) and the lock target. */
export interface CoinAccountTable {
  customer_id: string;
  balance: WithDefault<number>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

/** The ledger: every change of a balance is one row. */
export interface CoinEntryTable {
  id: string;
  customer_id: string;
  delta: number;
  kind: CoinEntryKind;
  /** The claim date (YYYY-MM-DD) for claims, the checkout id for checkout entries. */
  reference: string | null;
  created_at: CreatedAt;
}

/** One row per customer and calendar day (marketplace time zone) claimed. */
export interface CoinDailyClaimTable {
  customer_id: string;
  /** A `date` column: select it as text (`claim_date::text`); pg would parse it to a local-midnight Date. */
  claim_date: ColumnType<string, string, never>;
  streak: number;
  coins: number;
  created_at: CreatedAt;
}

export interface CoinTables {
  coin_accounts: CoinAccountTable;
  coin_entries: CoinEntryTable;
  coin_daily_claims: CoinDailyClaimTable;
}
