import type { PaymentProviderName, ReconciliationCategory } from "@niaga/db";
import type { Db } from "../shared/db.ts";
import type { ReconciliationWindow } from "./reconciliation.source.ts";

/** The ledger's side of one gateway record: what our entries say moved through the provider. */
export interface LedgerMovement {
  category: ReconciliationCategory;
  /** Our business id the entry references (a checkout, a top-up payment, a refund, a withdrawal). */
  referenceId: string;
  entryIds: string[];
  /** Positive minor units: money in for a payment, money out for a refund or payout. */
  amount: number;
  currency: string;
  createdAt: Date;
  /** The gateway's ids linked to `referenceId` by the payments, refunds and withdrawals rows. */
  providerRefs: string[];
}

/**
 * Which gateway record an entry on the provider's clearing account answers to, by the line's
 * side and the entry's kind. Withdrawal / payout / transfer kinds are payouts (a credit pays out,
 * a debit is a payout coming back). Any other debit is money the gateway captured: a payment
 * ("payment.captured", "wallet.topup", "payment.refund_due", which is still a capture). A credit
 * with a refund kind ("refund.settled", "payment.refund_sent") is a refund. Other credits are not
 * gateway records (none exist today) and are skipped.
 */
export function categoryOf(kind: string, amount: number): ReconciliationCategory | null {
  if (/withdrawal|payout|transfer/.test(kind)) return "payout";
  if (amount > 0) return "payment";
  return kind.includes("refund") ? "refund" : null;
}

/**
 * The provider's clearing-account movements in the window, one per (category, referenced id):
 * a payment's debits add up, a refund's or payout's credits add up (a reversed payout nets out).
 */
export async function loadLedgerMovements(
  db: Db,
  params: { provider: string; window: ReconciliationWindow },
): Promise<LedgerMovement[]> {
  const rows = await db
    .selectFrom("journal_lines as l")
    .innerJoin("ledger_accounts as a", "a.id", "l.account_id")
    .innerJoin("journal_entries as e", "e.id", "l.entry_id")
    .select(["e.id", "e.kind", "e.reference_id", "e.created_at", "l.amount", "l.currency"])
    .where("a.code", "=", `gateway_clearing:${params.provider}`)
    .where("e.created_at", ">=", params.window.from)
    .where("e.created_at", "<", params.window.to)
    .orderBy("e.created_at")
    .orderBy("e.id")
    .execute();
  const movements = new Map<string, LedgerMovement>();
  for (const row of rows) {
    const category = categoryOf(row.kind, row.amount);
    if (!category) continue;
    const key = `${category}|${row.reference_id}|${row.currency}`;
    const signed = category === "payment" ? row.amount : -row.amount;
    const prior = movements.get(key);
    if (prior) {
      prior.amount += signed;
      prior.entryIds.push(row.id);
    } else {
      movements.set(key, {
        category,
        referenceId: row.reference_id,
        entryIds: [row.id],
        amount: signed,
        currency: row.currency,
        createdAt: row.created_at,
        providerRefs: [],
      });
    }
  }
  const list = [...movements.values()];
  await linkProviderRefs(db, params.provider, list);
  return list;
}

/**
 * Fills `providerRefs` from the rows other modules keep: payments (a capture references the
 * checkout; a top-up and a refund-due capture reference the payment), refunds and payment
 * refunds (their provider refund ids), withdrawals (the Stripe transfer id).
 */
async function linkProviderRefs(db: Db, provider: string, movements: LedgerMovement[]): Promise<void> {
  const ids = (category: ReconciliationCategory) => [
    ...new Set(movements.filter((m) => m.category === category).map((m) => m.referenceId)),
  ];
  const links: { id: string; ref: string | null }[] = [];
  const paymentIds = ids("payment");
  if (paymentIds.length > 0) {
    const rows = await db
      .selectFrom("payments")
      .select(["id", "reference_id", "provider_ref"])
      .where("provider", "=", provider as PaymentProviderName)
      .where((eb) => eb.or([eb("reference_id", "in", paymentIds), eb("id", "in", paymentIds)]))
      .execute();
    for (const row of rows) {
      links.push({ id: row.reference_id, ref: row.provider_ref }, { id: row.id, ref: row.provider_ref });
    }
  }
  const refundIds = ids("refund");
  if (refundIds.length > 0) {
    const [refunds, paymentRefunds] = await Promise.all([
      db.selectFrom("refunds").select(["id", "provider_refund_ref as ref"]).where("id", "in", refundIds).execute(),
      // "payment.refund_sent" entries reference the payment they refund, not the refund row.
      db
        .selectFrom("payment_refunds")
        .select(["id", "payment_id", "provider_refund_ref as ref"])
        .where((eb) => eb.or([eb("id", "in", refundIds), eb("payment_id", "in", refundIds)]))
        .execute(),
    ]);
    links.push(...refunds);
    for (const row of paymentRefunds) links.push({ id: row.id, ref: row.ref }, { id: row.payment_id, ref: row.ref });
  }
  const payoutIds = ids("payout");
  if (payoutIds.length > 0) {
    const rows = await db
      .selectFrom("withdrawals")
      .select(["id", "transfer_id as ref"])
      .where("id", "in", payoutIds)
      .execute();
    links.push(...rows);
  }
  const byId = new Map<string, Set<string>>();
  for (const link of links) {
    if (!link.ref) continue;
    const refs = byId.get(link.id) ?? new Set<string>();
    refs.add(link.ref);
    byId.set(link.id, refs);
  }
  for (const movement of movements) movement.providerRefs = [...(byId.get(movement.referenceId) ?? [])];
}
