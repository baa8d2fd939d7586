import type { AdminWithdrawal } from "@niaga/contracts";
import { accounts } from "../ledger/ledger.accounts.ts";
import { postJournalEntry } from "../ledger/ledger.service.ts";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { DomainError } from "../shared/errors.ts";
import type { Actor } from "../users/users.service.ts";
import type { PayoutTransfers } from "./stripe-transfers.ts";
import { findAdminWithdrawal } from "./withdrawals.queries.ts";
import { lockWithdrawal, recordDecision, refuseFrom, returnWithdrawalMoney } from "./withdrawals.service.ts";

/**
 * Staff approve a requested withdrawal. With Stripe configured (`transfers`) and a connected
 * account on the store's payout profile, the payout is executed at once as a Stripe transfer
 * with idempotency key `payout:<withdrawalId>`, outside any database transaction (a slow Stripe
 * holds no locks):
 *   1. one transaction marks it approved (method stripe), audited, `withdrawal.decided` emitted;
 *   2. the transfer is sent;
 *   3. a second transaction settles it (paid: Dr payouts_in_transit, Cr gateway_clearing:stripe)
 *      or, when Stripe refused it, fails it and gives the money back to seller_available.
 * When Stripe cannot be reached the withdrawal stays approved and UNAVAILABLE is thrown; approving
 * it again retries with the same key, so a transfer that did go through is never sent twice.
 * Without Stripe it is approved for a manual payout (method manual), settled by markWithdrawalPaid.
 */
export async function approveWithdrawal(
  db: Db,
  actor: Actor,
  params: { id: string },
  deps: { transfers: PayoutTransfers | null },
): Promise<AdminWithdrawal> {
  const approved = await inTransaction(db, async (trx) => {
    const withdrawal = await lockWithdrawal(trx, params.id);
    if (withdrawal.status === "approved" && withdrawal.method === "stripe") return withdrawal;
    if (withdrawal.status !== "requested") throw refuseFrom(withdrawal.status, "approved");
    const profile = await trx
      .selectFrom("store_payout_profiles")
      .select("stripe_account_id")
      .where("store_id", "=", withdrawal.store_id)
      .executeTakeFirst();
    const method = deps.transfers && profile?.stripe_account_id ? "stripe" : "manual";
    const now = new Date();
    await trx
      .updateTable("withdrawals")
      .set({ status: "approved", method, decided_by: actor.userId, approved_at: now, updated_at: now })
      .where("id", "=", withdrawal.id)
      .execute();
    await recordDecision(trx, actor, withdrawal, "approved", { method });
    return { ...withdrawal, status: "approved" as const, method };
  });
  if (approved.method === "stripe") await executeStripePayout(db, actor, approved.id, deps.transfers);
  return (await findAdminWithdrawal(db, approved.id)) as AdminWithdrawal;
}

async function executeStripePayout(db: Db, actor: Actor, id: string, transfers: PayoutTransfers | null) {
  const target = await db
    .selectFrom("withdrawals as w")
    .leftJoin("store_payout_profiles as p", "p.store_id", "w.store_id")
    .select(["w.amount", "w.currency", "w.store_id", "p.stripe_account_id"])
    .where("w.id", "=", id)
    .executeTakeFirstOrThrow();
  if (!transfers || !target.stripe_account_id) {
    throw new DomainError(
      "UNAVAILABLE",
      "Stripe payouts are not configured for this store; the withdrawal stays approved",
    );
  }
  const outcome = await transfers.transfer({
    amount: target.amount,
    currency: target.currency,
    destination: target.stripe_account_id,
    idempotencyKey: `payout:${id}`,
    metadata: { withdrawalId: id, storeId: target.store_id },
  });
  if (outcome.status === "unavailable") {
    throw new DomainError(
      "UNAVAILABLE",
      "Stripe could not be reached; the withdrawal stays approved: approve it again to retry the transfer",
    );
  }
  await inTransaction(db, async (trx) => {
    const withdrawal = await lockWithdrawal(trx, id);
    // A concurrent retry settled it first: nothing more to do.
    if (withdrawal.status !== "approved") return;
    const now = new Date();
    if (outcome.status === "sent") {
      await trx
        .updateTable("withdrawals")
        .set({
          status: "paid",
          transfer_id: outcome.transferId,
          reference: outcome.transferId,
          paid_at: now,
          updated_at: now,
        })
        .where("id", "=", id)
        .execute();
      await postJournalEntry(trx, {
        kind: "withdrawal.paid",
        reference: { type: "withdrawal", id },
        idempotencyKey: `withdrawal.settled:${id}`,
        currency: withdrawal.currency,
        lines: [
          { account: accounts.payoutsInTransit(withdrawal.store_id), amount: withdrawal.amount },
          { account: accounts.gatewayClearing("stripe"), amount: -withdrawal.amount },
        ],
        memo: `Withdrawal paid by Stripe transfer ${outcome.transferId}`,
        actorId: actor.userId,
      });
      await recordDecision(trx, actor, withdrawal, "paid", { transferId: outcome.transferId });
      return;
    }
    await trx
      .updateTable("withdrawals")
      .set({ status: "failed", failure_reason: outcome.reason, failed_at: now, updated_at: now })
      .where("id", "=", id)
      .execute();
    await returnWithdrawalMoney(trx, withdrawal, { memo: `Payout failed: ${outcome.reason}`, actorId: actor.userId });
    await recordDecision(trx, actor, withdrawal, "failed", { reason: outcome.reason });
  });
}

/** Sets (or clears) the Stripe Connect account a store's payouts are transferred to. */
export async function setStripeAccount(
  db: Db,
  params: { storeId: string; stripeAccountId: string | null },
): Promise<void> {
  if (params.stripeAccountId !== null && !/^acct_[A-Za-z0-9]+$/.test(params.stripeAccountId)) {
    throw new DomainError("INVALID", "A Stripe account id looks like acct_...", { stripeAccountId: ["Invalid"] });
  }
  await db
    .insertInto("store_payout_profiles")
    .values({ store_id: params.storeId, stripe_account_id: params.stripeAccountId, updated_at: new Date() })
    .onConflict((oc) =>
      oc.column("store_id").doUpdateSet({ stripe_account_id: params.stripeAccountId, updated_at: new Date() }),
    )
    .execute();
}
