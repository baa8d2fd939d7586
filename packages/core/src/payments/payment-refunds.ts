import { accounts } from "../ledger/ledger.accounts.ts";
import { postJournalEntry } from "../ledger/ledger.service.ts";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { newId } from "../shared/ids.ts";
import type { PaymentProvider } from "./payment-provider.ts";

const REASON = "Paid after the checkout had closed";

/**
 * Sends back a payment captured for a checkout that had closed (status refund_due). The refund
 * row is written first, the gateway is called outside any transaction with an idempotency key
 * from that row (a retry after a crash or a timeout refunds once), and the answer is recorded
 * with its ledger entry (Dr refunds payable, Cr gateway clearing). A gateway failure leaves the
 * refund pending for the next sweep. Returns the refund's status, or null if nothing was due.
 */
export async function settleRefundDue(
  db: Db,
  provider: PaymentProvider,
  params: { paymentId: string },
): Promise<"succeeded" | "pending" | "failed" | null> {
  const due = await inTransaction(db, async (trx) => {
    const payment = await trx
      .selectFrom("payments")
      .selectAll()
      .where("id", "=", params.paymentId)
      .forUpdate()
      .executeTakeFirst();
    if (payment?.status !== "refund_due" || !payment.provider_ref) return null;
    const pending = await trx
      .selectFrom("payment_refunds")
      .selectAll()
      .where("payment_id", "=", payment.id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    const refund =
      pending ??
      (await trx
        .insertInto("payment_refunds")
        .values({
          id: newId(),
          payment_id: payment.id,
          amount: payment.amount - payment.amount_refunded,
          reason: REASON,
          provider_refund_ref: null,
          failure_reason: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow());
    return { payment, refund };
  });
  if (!due || due.payment.provider !== provider.name) return null;

  let result: Awaited<ReturnType<PaymentProvider["refund"]>>;
  try {
    result = await provider.refund({
      providerRef: due.payment.provider_ref as string,
      amount: due.refund.amount,
      idempotencyKey: `refund:${due.refund.id}`,
      reason: REASON,
    });
  } catch (error) {
    await db
      .updateTable("payment_refunds")
      .set({ failure_reason: error instanceof Error ? error.message : String(error), updated_at: new Date() })
      .where("id", "=", due.refund.id)
      .execute();
    return "pending";
  }
  if (result.status === "failed") {
    await db
      .updateTable("payment_refunds")
      .set({
        status: "failed",
        provider_refund_ref: result.refundRef,
        failure_reason: "Refused by the provider",
        updated_at: new Date(),
      })
      .where("id", "=", due.refund.id)
      .where("status", "=", "pending")
      .execute();
    return "failed";
  }

  return inTransaction(db, async (trx) => {
    await trx.selectFrom("payments").select("id").where("id", "=", due.payment.id).forUpdate().execute();
    const sent = await trx
      .updateTable("payment_refunds")
      .set({ status: "succeeded", provider_refund_ref: result.refundRef, failure_reason: null, updated_at: new Date() })
      .where("id", "=", due.refund.id)
      .where("status", "=", "pending")
      .returning("amount")
      .executeTakeFirst();
    if (!sent) return "succeeded" as const;
    await postJournalEntry(trx, {
      kind: "payment.refund_sent",
      reference: { type: "payment", id: due.payment.id },
      idempotencyKey: `payment.refund_sent:${due.refund.id}`,
      currency: due.payment.currency,
      lines: [
        { account: accounts.refundsPayable(), amount: sent.amount },
        { account: accounts.gatewayClearing(due.payment.provider), amount: -sent.amount },
      ],
      memo: `Refund of payment ${due.payment.id}: ${REASON.toLowerCase()}`,
    });
    await trx
      .updateTable("payments")
      .set((eb) => ({
        status: "refunded",
        amount_refunded: eb("amount_refunded", "+", sent.amount),
        updated_at: new Date(),
      }))
      .where("id", "=", due.payment.id)
      .execute();
    return "succeeded" as const;
  });
}
