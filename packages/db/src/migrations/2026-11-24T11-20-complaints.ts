import type { Kysely } from "kysely";
import { sql } from "kysely";

// Complaints on order lines, their step-by-step history, and the refunds they lead to.
// Money columns are int8 minor units.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table complaints (
      id text primary key,
      order_id text not null references orders (id) on delete restrict,
      order_line_id text not null references order_lines (id) on delete restrict,
      customer_id text not null,
      store_id text not null,
      reason text not null
        check (reason in ('not_received', 'damaged', 'wrong_item', 'not_as_described', 'other')),
      description text not null,
      images jsonb not null default '[]',
      -- what the customer paid for the line (its goods less its share of discounts), frozen at opening
      line_paid_value bigint not null check (line_paid_value >= 0),
      resolution text not null check (resolution in ('refund', 'return', 'replacement')),
      -- what the customer asks back (refund and return); a manager may approve a different amount
      requested_amount bigint check (requested_amount > 0),
      refund_destination text not null default 'original' check (refund_destination in ('original', 'wallet')),
      status text not null default 'open' check (
        status in ('open', 'approved', 'rejected', 'expired', 'escalated', 'manager_approved', 'manager_rejected')
      ),
      seller_response_due_at timestamptz not null,
      seller_message text,
      seller_responded_at timestamptz,
      escalation_note text,
      escalated_at timestamptz,
      manager_note text,
      decided_by text,
      decided_at timestamptz,
      approved_amount bigint check (approved_amount >= 0),
      returned_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  // One complaint in progress per line: awaiting the seller or a manager, or approved and waiting
  // for the item to come back. Racing opens insert one row; the other answers CONFLICT.
  await sql`
    create unique index complaints_one_open_per_line_idx on complaints (order_line_id)
    where status in ('open', 'rejected', 'expired', 'escalated')
       or (status in ('approved', 'manager_approved') and resolution = 'return' and returned_at is null)`.execute(db);
  await sql`create index complaints_customer_idx on complaints (customer_id, created_at desc, id desc)`.execute(db);
  await sql`create index complaints_store_idx on complaints (store_id, created_at desc, id desc)`.execute(db);
  await sql`create index complaints_due_idx on complaints (seller_response_due_at) where status = 'open'`.execute(db);
  await sql`create index complaints_escalated_idx on complaints (created_at desc, id desc) where status = 'escalated'`.execute(
    db,
  );

  await sql`
    create table complaint_events (
      id bigserial primary key,
      complaint_id text not null references complaints (id) on delete cascade,
      actor_id text,
      -- customer, seller, manager (or admin/superadmin) or system (the deadline job)
      actor_role text not null,
      from_status text,
      to_status text not null,
      note text,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index complaint_events_complaint_idx on complaint_events (complaint_id, id)`.execute(db);

  await sql`
    create table refunds (
      id text primary key,
      complaint_id text references complaints (id) on delete restrict,
      order_id text not null references orders (id) on delete restrict,
      order_line_id text references order_lines (id) on delete restrict,
      customer_id text not null,
      amount bigint not null check (amount > 0),
      currency text not null,
      destination text not null check (destination in ('original', 'wallet')),
      -- the gateway that captured the payment (null for wallet refunds)
      provider text,
      provider_refund_ref text,
      status text not null default 'requested' check (status in ('requested', 'succeeded', 'failed')),
      failure_reason text,
      attempts integer not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      settled_at timestamptz
    )`.execute(db);
  // A complaint is refunded at most once, however many approvals race.
  await sql`create unique index refunds_complaint_idx on refunds (complaint_id) where complaint_id is not null`.execute(
    db,
  );
  await sql`create index refunds_line_idx on refunds (order_line_id)`.execute(db);
  await sql`create index refunds_order_idx on refunds (order_id)`.execute(db);
  await sql`create index refunds_pending_idx on refunds (updated_at) where status in ('requested', 'failed')`.execute(
    db,
  );
}
