import { accounts } from "@niaga/core/ledger/ledger.accounts";
import type { JournalLineInput } from "@niaga/core/ledger/ledger.service";
import { postJournalEntry } from "@niaga/core/ledger/ledger.service";
import { newId } from "@niaga/core/shared/ids";
import type { Database } from "@niaga/db";
import type { Kysely } from "kysely";

/** Posts one entry the way the money flows do (kind, reference, idempotency key from the business id). */
export function post(
  db: Kysely<Database>,
  params: { kind: string; reference: { type: string; id: string }; lines: JournalLineInput[]; memo?: string },
) {
  return db.transaction().execute((trx) =>
    postJournalEntry(trx, {
      kind: params.kind,
      reference: params.reference,
      idempotencyKey: `${params.kind}:${params.reference.id}`,
      currency: "IDR",
      lines: params.lines,
      ...(params.memo !== undefined && { memo: params.memo }),
    }),
  );
}

/** A capture as ledger.capture.ts posts it: Dr the provider's clearing, Cr the seller (commission left out). */
export function postCapture(
  db: Kysely<Database>,
  params: { checkoutId: string; amount: number; provider: string; storeId?: string },
) {
  return post(db, {
    kind: "payment.captured",
    reference: { type: "checkout", id: params.checkoutId },
    lines: [
      { account: accounts.gatewayClearing(params.provider), amount: params.amount },
      { account: accounts.sellerPending(params.storeId ?? "store-recon"), amount: -params.amount },
    ],
  });
}

/** A settled customer refund: Dr refunds payable, Cr the provider's clearing. */
export function postRefundSent(db: Kysely<Database>, params: { paymentId: string; amount: number; provider: string }) {
  return post(db, {
    kind: "payment.refund_sent",
    reference: { type: "payment", id: params.paymentId },
    lines: [
      { account: accounts.refundsPayable(), amount: params.amount },
      { account: accounts.gatewayClearing(params.provider), amount: -params.amount },
    ],
  });
}

/** A seller payout settled through the gateway: Dr payouts in transit, Cr the provider's clearing. */
export function postPayout(db: Kysely<Database>, params: { withdrawalId: string; amount: number; provider: string }) {
  return post(db, {
    kind: "withdrawal.paid",
    reference: { type: "withdrawal", id: params.withdrawalId },
    lines: [
      { account: accounts.payoutsInTransit("store-recon"), amount: params.amount },
      { account: accounts.gatewayClearing(params.provider), amount: -params.amount },
    ],
  });
}

/** A Stripe payment row as the payments module stores it. */
export async function insertStripePayment(
  db: Kysely<Database>,
  params: { customerId: string; checkoutId: string; providerRef: string; amount: number },
) {
  const id = newId();
  await db
    .insertInto("payments")
    .values({
      id,
      purpose: "checkout",
      reference_id: params.checkoutId,
      customer_id: params.customerId,
      provider: "stripe",
      provider_ref: params.providerRef,
      status: "succeeded",
      amount: params.amount,
      currency: "IDR",
      client_secret: null,
      redirect_url: null,
      failure_reason: null,
      succeeded_at: new Date(),
    })
    .execute();
  return id;
}
