import type { ColumnType, Generated } from "kysely";

// Complaints and refunds (migration 2026-11-24T11-20-complaints). Money columns are int8 minor
// units, parsed to safe integers by the pool.

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;
/** A timestamp filled later by a step, null until then. */
type LaterTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type ComplaintReason = "not_received" | "damaged" | "wrong_item" | "not_as_described" | "other";
export type ComplaintResolution = "refund" | "return" | "replacement";
export type ComplaintStatus =
  | "open"
  | "approved"
  | "rejected"
  | "expired"
  | "escalated"
  | "manager_approved"
  | "manager_rejected";
export type RefundDestination = "original" | "wallet";
export type RefundStatus = "requested" | "succeeded" | "failed";

export interface ComplaintTable {
  id: string;
  order_id: string;
  order_line_id: string;
  customer_id: string;
  store_id: string;
  reason: ComplaintReason;
  description: string;
  images: Json<string[]>;
  line_paid_value: number;
  resolution: ComplaintResolution;
  requested_amount: number | null;
  refund_destination: WithDefault<RefundDestination>;
  status: WithDefault<ComplaintStatus>;
  seller_response_due_at: Timestamp;
  seller_message: WithDefault<string | null>;
  seller_responded_at: LaterTimestamp;
  escalation_note: WithDefault<string | null>;
  escalated_at: LaterTimestamp;
  manager_note: WithDefault<string | null>;
  decided_by: WithDefault<string | null>;
  decided_at: LaterTimestamp;
  approved_amount: WithDefault<number | null>;
  returned_at: LaterTimestamp;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface ComplaintEventTable {
  id: Generated<number>;
  complaint_id: string;
  actor_id: string | null;
  actor_role: string;
  from_status: ComplaintStatus | null;
  to_status: ComplaintStatus;
  note: string | null;
  created_at: CreatedAt;
}

export interface RefundTable {
  id: string;
  complaint_id: string | null;
  order_id: string;
  order_line_id: string | null;
  customer_id: string;
  amount: number;
  currency: string;
  destination: RefundDestination;
  provider: string | null;
  provider_refund_ref: WithDefault<string | null>;
  status: WithDefault<RefundStatus>;
  failure_reason: WithDefault<string | null>;
  attempts: WithDefault<number>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  settled_at: LaterTimestamp;
}

export interface ComplaintTables {
  complaints: ComplaintTable;
  complaint_events: ComplaintEventTable;
  refunds: RefundTable;
}
