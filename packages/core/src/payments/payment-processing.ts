import type { Database, PaymentEventType, PaymentStatus } from "@niaga/db";
import type { Transaction } from "kysely";
import { cancelCheckout } from "../checkout/checkout-cancel.ts";
import { markCheckoutPaid } from "../checkout/checkout-payment.ts";
import { emitDomainEvents } from "../events/domain-events.ts";
import { accounts } from "../ledger/ledger.accounts.ts";
import { postJournalEntry } from "../ledger/ledger.service.ts";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { DomainError } from "../shared/errors.ts";
import type { PaymentRow } from "./payments.queries.ts";
import { lockPaymentByRef } from "./payments.queries.ts";

/** What processing did with an event. */
export type EventOutcome =
  | "advanced"
  /** It would not move the payment forward (a duplicate, or out of order: failed after succeeded). */
  | "ignored"
  /** Captured for a checkout that can no longer be paid: the money goes back (see payment-refunds.ts). */
  | "refund_due"
  /** The gateway captured a different amount than asked: left for reconciliation. */
  | "amount_mismatch"
  /** No payment has this reference (yet): tried again later, then given up. */
  | "unknown_payment"
  /** Another worker holds it, or it was processed already. */
  | "skipped";

/** Attempts before an event naming no known payment is given up (recorded, never acted on). */
const UNKNOWN_PAYMENT_ATTEMPTS = 10;

// A refund_due payment is refunded by settleRefundDue, which posts the ledger entry with it, so
// the gateway's "refunded" event for it is not what moves it.
const ACTIVE: readonly PaymentStatus[] = ["succeeded", "partially_refunded"];

/**
 * Processes one stored gateway event in ONE transaction: the event row and then its payment are
 * locked, events that do not advance the payment are ignored (so duplicates and out-of-order
 * deliveries are harmless), the business change (checkout paid, checkout cancelled, wallet
 * credited) is made, and the event is marked processed, all committing together. A crash
 * anywhere rolls everything back and leaves the event for the next run.
 */
export function processPaymentEvent(db: Db, params: { eventRowId: string; now?: Date }): Promise<EventOutcome> {
  const now = params.now ?? new Date();
  return inTransaction(db, async (trx) => {
    const event = await trx
      .selectFrom("payment_events")
      .selectAll()
      .where("id", "=", params.eventRowId)
      .where("processed_at", "is", null)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!event) return "skipped";
    const payment = await lockPaymentByRef(trx, { provider: event.provider, providerRef: event.provider_ref });
    let outcome: EventOutcome;
    if (!payment) {
      if (event.attempts + 1 < UNKNOWN_PAYMENT_ATTEMPTS) {
        await trx
          .updateTable("payment_events")
          .set({ attempts: event.attempts + 1, last_error: "No payment has this reference yet" })
          .where("id", "=", event.id)
          .execute();
        return "unknown_payment";
      }
      outcome = "unknown_payment";
    } else {
      outcome = await applyEvent(trx, payment, { type: event.type, amount: event.amount, now });
    }
    await trx
      .updateTable("payment_events")
      .set({ processed_at: now, outcome, attempts: event.attempts + 1, last_error: null })
      .where("id", "=", event.id)
      .execute();
    return outcome;
  });
}

async function applyEvent(
  trx: Transaction<Database>,
  payment: PaymentRow,
  event: { type: PaymentEventType; amount: number | null; now: Date },
): Promise<EventOutcome> {
  switch (event.type) {
    case "succeeded":
      // A failed or cancelled attempt may still capture later (a retried card): the money is real.
      if (!["pending", "failed", "cancelled"].includes(payment.status)) return "ignored";
      if (event.amount !== null && event.amount !== payment.amount) return "amount_mismatch";
      return succeed(trx, payment, event.now);
    case "failed":
    case "cancelled":
      if (payment.status !== "pending") return "ignored";
      await setStatus(trx, payment.id, event.type === "failed" ? "failed" : "cancelled", {
        failure_reason: event.type === "failed" ? "The payment failed at the provider" : "The payment was cancelled",
      });
      if (payment.purpose === "checkout") {
        await cancelCheckout(trx, {
          checkoutId: payment.reference_id,
          reason: event.type === "failed" ? "Payment failed" : "Payment cancelled",
          now: event.now,
        });
      }
      await emitDomainEvents(trx, [
        {
          type: `payment.${event.type}`,
          aggregate: { type: "payment", id: payment.id },
          payload: { purpose: payment.purpose, referenceId: payment.reference_id },
        },
      ]);
      return "advanced";
    case "refunded": {
      if (!ACTIVE.includes(payment.status) || event.amount === null) return "ignored";
      const refunded = Math.min(payment.amount, event.amount);
      if (refunded <= payment.amount_refunded) return "ignored";
      await setStatus(trx, payment.id, refunded >= payment.amount ? "refunded" : "partially_refunded", {
        amount_refunded: refunded,
      });
      return "advanced";
    }
  }
}

async function succeed(trx: Transaction<Database>, payment: PaymentRow, now: Date): Promise<EventOutcome> {
  if (payment.purpose === "wallet_topup") {
    await postJournalEntry(trx, {
      kind: "wallet.topup",
      reference: { type: "payment", id: payment.id },
      idempotencyKey: `wallet.topup:${payment.id}`,
      currency: payment.currency,
      lines: [
        { account: accounts.gatewayClearing(payment.provider), amount: payment.amount },
        { account: accounts.customerWallet(payment.customer_id), amount: -payment.amount },
      ],
      memo: `Wallet top-up via ${payment.provider}`,
    });
    await setStatus(trx, payment.id, "succeeded", { succeeded_at: now });
    await emitSucceeded(trx, payment);
    return "advanced";
  }
  try {
    await markCheckoutPaid(trx, { checkoutId: payment.reference_id, provider: payment.provider, now });
  } catch (error) {
    if (!(error instanceof DomainError) || (error.code !== "CONFLICT" && error.code !== "NOT_FOUND")) throw error;
    // The checkout expired or was cancelled while the customer paid: its stock is gone, so the
    // money is owed back. Until the refund is sent the ledger shows it as refunds payable.
    await postJournalEntry(trx, {
      kind: "payment.refund_due",
      reference: { type: "payment", id: payment.id },
      idempotencyKey: `payment.refund_due:${payment.id}`,
      currency: payment.currency,
      lines: [
        { account: accounts.gatewayClearing(payment.provider), amount: payment.amount },
        { account: accounts.refundsPayable(), amount: -payment.amount },
      ],
      memo: `Payment ${payment.id} captured for a closed checkout; to be refunded`,
    });
    await setStatus(trx, payment.id, "refund_due", { succeeded_at: now, failure_reason: error.message });
    await emitDomainEvents(trx, [
      {
        type: "payment.refund_due",
        aggregate: { type: "payment", id: payment.id },
        payload: { checkoutId: payment.reference_id },
      },
    ]);
    return "refund_due";
  }
  await setStatus(trx, payment.id, "succeeded", { succeeded_at: now });
  await emitSucceeded(trx, payment);
  return "advanced";
}

function emitSucceeded(trx: Transaction<Database>, payment: PaymentRow) {
  return emitDomainEvents(trx, [
    {
      type: "payment.confirmed",
      aggregate: { type: "payment", id: payment.id },
      payload: { purpose: payment.purpose, referenceId: payment.reference_id, amount: payment.amount },
    },
  ]);
}

async function setStatus(
  trx: Transaction<Database>,
  paymentId: string,
  status: PaymentStatus,
  extra: { succeeded_at?: Date; failure_reason?: string; amount_refunded?: number } = {},
): Promise<void> {
  await trx
    .updateTable("payments")
    .set({ status, updated_at: new Date(), ...extra })
    .where("id", "=", paymentId)
    .execute();
}
