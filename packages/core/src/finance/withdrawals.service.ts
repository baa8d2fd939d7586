import type {
  AdminListWithdrawalsInput,
  AdminWithdrawal,
  ListWithdrawalsInput,
  RequestWithdrawalInput,
  Withdrawal,
} from "@niaga/contracts";
import type { Database, WithdrawalStatus } from "@niaga/db";
import type { Transaction } from "kysely";
import { recordAudit } from "../audit/audit.ts";
import { emitDomainEvents } from "../events/domain-events.ts";
import { accounts } from "../ledger/ledger.accounts.ts";
import { postJournalEntry } from "../ledger/ledger.service.ts";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { DomainError, NotFoundError } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { requireSellerStore } from "../stores/stores.service.ts";
import type { Actor } from "../users/users.service.ts";
import {
  findAdminWithdrawal,
  findAdminWithdrawalsPage,
  findWithdrawal,
  findWithdrawalsPage,
} from "./withdrawals.queries.ts";

// Withdrawal states: requested → approved → paid | failed, or requested → rejected. The money
// leaves seller_available for payouts_in_transit when requested; paid settles it against where
// it was paid from (Stripe's clearing account or the platform's bank), failed and rejected give
// it back to seller_available.

/**
 * The seller asks for `amount` of their available balance to go to one of their bank accounts.
 * The entry is posted with mustStayNonNegative on seller_available, under its row lock, so
 * concurrent requests can never take more than the balance: the ones that would are refused
 * with INVALID and leave nothing behind.
 */
export async function requestWithdrawal(
  db: Db,
  actor: Actor,
  params: RequestWithdrawalInput & { currency: string },
): Promise<Withdrawal> {
  return inTransaction(db, async (trx) => {
    const store = await requireSellerStore(trx, actor.userId);
    const bank = await trx
      .selectFrom("bank_accounts")
      .select("id")
      .where("id", "=", params.bankAccountId)
      .where("store_id", "=", store.id)
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    if (!bank) throw new NotFoundError("Bank account");
    const id = newId();
    await trx
      .insertInto("withdrawals")
      .values({
        id,
        store_id: store.id,
        bank_account_id: bank.id,
        amount: params.amount,
        currency: params.currency,
        requested_by: actor.userId,
        created_at: new Date(),
      })
      .execute();
    await postJournalEntry(trx, {
      kind: "withdrawal.requested",
      reference: { type: "withdrawal", id },
      idempotencyKey: `withdrawal.requested:${id}`,
      currency: params.currency,
      lines: [
        { account: accounts.sellerAvailable(store.id), amount: params.amount },
        { account: accounts.payoutsInTransit(store.id), amount: -params.amount },
      ],
      memo: "Withdrawal requested",
      actorId: actor.userId,
      mustStayNonNegative: [accounts.sellerAvailable(store.id)],
    });
    await emitDomainEvents(trx, [
      {
        type: "withdrawal.requested",
        aggregate: { type: "withdrawal", id },
        payload: { storeId: store.id, amount: params.amount },
      },
    ]);
    return (await findWithdrawal(trx, { id })) as Withdrawal;
  });
}

/** The seller's withdrawals, newest first. */
export async function listMyWithdrawals(db: Db, actor: Actor, input: ListWithdrawalsInput) {
  const store = await requireSellerStore(db, actor.userId);
  return findWithdrawalsPage(db, { ...input, storeId: store.id });
}

/** Every withdrawal, for staff, by status and store. */
export function listWithdrawals(db: Db, input: AdminListWithdrawalsInput) {
  return findAdminWithdrawalsPage(db, input);
}

/** Locks a withdrawal row for a decision. */
export async function lockWithdrawal(trx: Transaction<Database>, id: string) {
  const row = await trx
    .selectFrom("withdrawals")
    .select(["id", "store_id", "amount", "currency", "status", "method"])
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new NotFoundError("Withdrawal");
  return row;
}

export function refuseFrom(status: WithdrawalStatus, verb: string): DomainError {
  return new DomainError("CONFLICT", `A withdrawal that is ${status} cannot be ${verb}`);
}

/** Audits a staff decision and emits `withdrawal.decided`, in the caller's transaction. */
export async function recordDecision(
  trx: Transaction<Database>,
  actor: Actor,
  withdrawal: { id: string; store_id: string; amount: number },
  status: WithdrawalStatus,
  data: Record<string, unknown> = {},
): Promise<void> {
  await recordAudit(trx, {
    actorId: actor.userId,
    action: `withdrawal.${status}`,
    targetType: "withdrawal",
    targetId: withdrawal.id,
    data: { storeId: withdrawal.store_id, amount: withdrawal.amount, ...data },
    requestId: actor.requestId,
  });
  await emitDomainEvents(trx, [
    {
      type: "withdrawal.decided",
      aggregate: { type: "withdrawal", id: withdrawal.id },
      payload: { storeId: withdrawal.store_id, amount: withdrawal.amount, status, ...data },
    },
  ]);
}

/** Gives a withdrawal's money back to seller_available (rejected, or the payout failed). */
export async function returnWithdrawalMoney(
  trx: Transaction<Database>,
  withdrawal: { id: string; store_id: string; amount: number; currency: string },
  params: { memo: string; actorId: string | null },
): Promise<void> {
  await postJournalEntry(trx, {
    kind: "withdrawal.returned",
    reference: { type: "withdrawal", id: withdrawal.id },
    idempotencyKey: `withdrawal.returned:${withdrawal.id}`,
    currency: withdrawal.currency,
    lines: [
      { account: accounts.payoutsInTransit(withdrawal.store_id), amount: withdrawal.amount },
      { account: accounts.sellerAvailable(withdrawal.store_id), amount: -withdrawal.amount },
    ],
    memo: params.memo,
    actorId: params.actorId,
  });
}

/** Staff reject a requested withdrawal: the money goes back to the seller's available balance. */
export async function rejectWithdrawal(
  db: Db,
  actor: Actor,
  params: { id: string; reason: string },
): Promise<AdminWithdrawal> {
  return inTransaction(db, async (trx) => {
    const withdrawal = await lockWithdrawal(trx, params.id);
    if (withdrawal.status !== "requested") throw refuseFrom(withdrawal.status, "rejected");
    const now = new Date();
    await trx
      .updateTable("withdrawals")
      .set({
        status: "rejected",
        reject_reason: params.reason,
        decided_by: actor.userId,
        rejected_at: now,
        updated_at: now,
      })
      .where("id", "=", withdrawal.id)
      .execute();
    await returnWithdrawalMoney(trx, withdrawal, {
      memo: `Withdrawal rejected: ${params.reason}`,
      actorId: actor.userId,
    });
    await recordDecision(trx, actor, withdrawal, "rejected", { reason: params.reason });
    return (await findAdminWithdrawal(trx, withdrawal.id)) as AdminWithdrawal;
  });
}

/**
 * Staff paid an approved withdrawal by hand (no Stripe transfer): settles it against the
 * platform's bank with the transfer's reference.
 */
export async function markWithdrawalPaid(
  db: Db,
  actor: Actor,
  params: { id: string; reference: string },
): Promise<AdminWithdrawal> {
  return inTransaction(db, async (trx) => {
    const withdrawal = await lockWithdrawal(trx, params.id);
    if (withdrawal.status !== "approved") throw refuseFrom(withdrawal.status, "marked paid");
    if (withdrawal.method === "stripe") {
      throw new DomainError(
        "CONFLICT",
        "This withdrawal is paid through Stripe: approve it again to retry the transfer",
      );
    }
    const now = new Date();
    await trx
      .updateTable("withdrawals")
      .set({ status: "paid", reference: params.reference, paid_at: now, updated_at: now })
      .where("id", "=", withdrawal.id)
      .execute();
    await postJournalEntry(trx, {
      kind: "withdrawal.paid",
      reference: { type: "withdrawal", id: withdrawal.id },
      idempotencyKey: `withdrawal.settled:${withdrawal.id}`,
      currency: withdrawal.currency,
      lines: [
        { account: accounts.payoutsInTransit(withdrawal.store_id), amount: withdrawal.amount },
        { account: accounts.platformCash(), amount: -withdrawal.amount },
      ],
      memo: `Withdrawal paid by bank transfer ${params.reference}`,
      actorId: actor.userId,
    });
    await recordDecision(trx, actor, withdrawal, "paid", { reference: params.reference });
    return (await findAdminWithdrawal(trx, withdrawal.id)) as AdminWithdrawal;
  });
}
