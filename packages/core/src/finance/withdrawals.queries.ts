import type { AdminWithdrawal, Withdrawal, WithdrawalStatusName } from "@niaga/contracts";
import { sql } from "kysely";
import { decodeCursor, encodeCursor } from "../shared/cursor.ts";
import type { Db } from "../shared/db.ts";

function withdrawalsQuery(db: Db) {
  return db
    .selectFrom("withdrawals as w")
    .innerJoin("bank_accounts as b", "b.id", "w.bank_account_id")
    .innerJoin("stores as s", "s.id", "w.store_id")
    .select([
      "w.id",
      "w.store_id",
      "w.amount",
      "w.currency",
      "w.status",
      "w.method",
      "w.reference",
      "w.transfer_id",
      "w.failure_reason",
      "w.reject_reason",
      "w.created_at",
      "w.approved_at",
      "w.paid_at",
      "w.failed_at",
      "w.rejected_at",
      "b.id as bank_account_id",
      "b.bank_name",
      "b.account_holder",
      "b.account_number",
      "b.account_number_masked",
      "s.name as store_name",
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof withdrawalsQuery>["executeTakeFirstOrThrow"]>>;

function toWithdrawal(row: Row): Withdrawal {
  return {
    id: row.id,
    storeId: row.store_id,
    amount: row.amount,
    currency: row.currency,
    status: row.status,
    method: row.method,
    reference: row.reference,
    failureReason: row.failure_reason,
    rejectReason: row.reject_reason,
    bankAccount: {
      id: row.bank_account_id,
      bankName: row.bank_name,
      accountHolder: row.account_holder,
      accountNumberMasked: row.account_number_masked,
    },
    createdAt: row.created_at,
    approvedAt: row.approved_at,
    paidAt: row.paid_at,
    failedAt: row.failed_at,
    rejectedAt: row.rejected_at,
  };
}

function toAdminWithdrawal(row: Row): AdminWithdrawal {
  return {
    ...toWithdrawal(row),
    storeName: row.store_name,
    accountNumber: row.account_number,
    transferId: row.transfer_id,
  };
}

/** One withdrawal as its seller sees it (scoped to the store) or undefined. */
export async function findWithdrawal(
  db: Db,
  params: { id: string; storeId?: string },
): Promise<Withdrawal | undefined> {
  let query = withdrawalsQuery(db).where("w.id", "=", params.id);
  if (params.storeId) query = query.where("w.store_id", "=", params.storeId);
  const row = await query.executeTakeFirst();
  return row && toWithdrawal(row);
}

/** One withdrawal as staff see it. */
export async function findAdminWithdrawal(db: Db, id: string): Promise<AdminWithdrawal | undefined> {
  const row = await withdrawalsQuery(db).where("w.id", "=", id).executeTakeFirst();
  return row && toAdminWithdrawal(row);
}

interface PageFilter {
  storeId?: string | undefined;
  status?: WithdrawalStatusName | undefined;
  limit: number;
  cursor?: string | null | undefined;
}

async function pageRows(db: Db, filter: PageFilter) {
  let query = withdrawalsQuery(db)
    .orderBy("w.created_at", "desc")
    .orderBy("w.id", "desc")
    .limit(filter.limit + 1);
  if (filter.storeId) query = query.where("w.store_id", "=", filter.storeId);
  if (filter.status) query = query.where("w.status", "=", filter.status);
  if (filter.cursor) {
    // created_at is written from JS (millisecond precision), so a Date cursor is exact.
    const cursor = decodeCursor(filter.cursor);
    query = query.where(sql<boolean>`(w.created_at, w.id) < (${cursor.at}, ${cursor.id})`);
  }
  const rows = await query.execute();
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > filter.limit && last ? encodeCursor({ at: last.created_at, id: last.id }) : null;
  return { page, nextCursor };
}

/** A store's withdrawals, newest first. */
export async function findWithdrawalsPage(db: Db, filter: PageFilter & { storeId: string }) {
  const { page, nextCursor } = await pageRows(db, filter);
  return { items: page.map(toWithdrawal), nextCursor };
}

/** Every store's withdrawals, newest first, for staff. */
export async function findAdminWithdrawalsPage(db: Db, filter: PageFilter) {
  const { page, nextCursor } = await pageRows(db, filter);
  return { items: page.map(toAdminWithdrawal), nextCursor };
}
