import type { ColumnType } from "kysely";

// Sellers' finance tables (migration 2026-11-24T11-10-finance). Money columns are int8 minor units.

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;

/** What one paid order owes its seller, and how much of it was refunded or released. */
export interface OrderSettlementTable {
  order_id: string;
  store_id: string;
  seller_share: number;
  commission: number;
  money_total: number;
  platform_discount: number;
  coins_value: number;
  refunded: WithDefault<number>;
  seller_refunded: WithDefault<number>;
  commission_refunded: WithDefault<number>;
  discount_refunded: WithDefault<number>;
  coins_refunded: WithDefault<number>;
  released: number | null;
  completed_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface StorePayoutProfileTable {
  store_id: string;
  stripe_account_id: string | null;
  updated_at: CreatedAt;
}

export interface BankAccountTable {
  id: string;
  store_id: string;
  bank_name: string;
  account_holder: string;
  account_number: string;
  account_number_masked: string;
  created_at: CreatedAt;
  deleted_at: Timestamp | null;
}

export type WithdrawalStatus = "requested" | "approved" | "paid" | "failed" | "rejected";
export type PayoutMethod = "stripe" | "manual";

export interface WithdrawalTable {
  id: string;
  store_id: string;
  bank_account_id: string;
  amount: number;
  currency: string;
  status: WithDefault<WithdrawalStatus>;
  method: PayoutMethod | null;
  reference: string | null;
  transfer_id: string | null;
  failure_reason: string | null;
  reject_reason: string | null;
  requested_by: string;
  decided_by: string | null;
  created_at: CreatedAt;
  approved_at: Timestamp | null;
  paid_at: Timestamp | null;
  failed_at: Timestamp | null;
  rejected_at: Timestamp | null;
  updated_at: CreatedAt;
}

export interface FinanceTables {
  order_settlements: OrderSettlementTable;
  store_payout_profiles: StorePayoutProfileTable;
  bank_accounts: BankAccountTable;
  withdrawals: WithdrawalTable;
}
