import type { ColumnType } from "kysely";

// Payment tables (migration 2026-11-24T11-00-payments). Amounts are int8 minor units.

type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;

export type PaymentPurpose = "checkout" | "wallet_topup";
export type PaymentProviderName = "sandbox" | "stripe" | "midtrans";
export type PaymentStatus =
  | "pending"
  | "succeeded"
  | "failed"
  | "cancelled"
  /** Captured for a checkout that had expired meanwhile: the money goes back. */
  | "refund_due"
  | "refunded"
  | "partially_refunded";
export type PaymentEventType = "succeeded" | "failed" | "cancelled" | "refunded";
export type PaymentRefundStatus = "pending" | "succeeded" | "failed";

export interface PaymentTable {
  id: string;
  purpose: PaymentPurpose;
  reference_id: string;
  customer_id: string;
  provider: PaymentProviderName;
  provider_ref: string | null;
  status: WithDefault<PaymentStatus>;
  amount: number;
  currency: string;
  amount_refunded: WithDefault<number>;
  client_secret: string | null;
  redirect_url: string | null;
  failure_reason: string | null;
  succeeded_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface PaymentEventTable {
  id: string;
  provider: PaymentProviderName;
  event_id: string;
  type: PaymentEventType;
  provider_ref: string;
  amount: number | null;
  payload: ColumnType<unknown, string, string>;
  received_at: CreatedAt;
  processed_at: Timestamp | null;
  outcome: string | null;
  attempts: WithDefault<number>;
  last_error: string | null;
}

export interface PaymentRefundTable {
  id: string;
  payment_id: string;
  amount: number;
  reason: string;
  status: WithDefault<PaymentRefundStatus>;
  provider_refund_ref: string | null;
  failure_reason: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface PaymentTables {
  payments: PaymentTable;
  payment_events: PaymentEventTable;
  payment_refunds: PaymentRefundTable;
}
