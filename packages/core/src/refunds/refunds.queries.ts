import type { PaymentProviderName } from "@niaga/db";
import type { Db } from "../shared/db.ts";

/** The refund columns the service works with. */
export function selectRefund(db: Db, id: string) {
  return db
    .selectFrom("refunds")
    .innerJoin("orders", "orders.id", "refunds.order_id")
    .select([
      "refunds.id",
      "refunds.complaint_id",
      "refunds.order_id",
      "refunds.order_line_id",
      "refunds.customer_id",
      "refunds.amount",
      "refunds.currency",
      "refunds.destination",
      "refunds.provider",
      "refunds.provider_refund_ref",
      "refunds.status",
      "refunds.attempts",
      "orders.checkout_id",
      "orders.store_id",
    ])
    .where("refunds.id", "=", id)
    .executeTakeFirst();
}

/**
 * The gateway that captured a checkout's payment and its reference there. The capture entry's
 * gateway-clearing line names the provider; the reference is the provider's payment id when the
 * payments module recorded one, else the checkout id (the sandbox's own reference).
 */
export async function findCapture(
  db: Db,
  checkoutId: string,
): Promise<{ provider: string; providerRef: string; amount: number } | null> {
  const line = await db
    .selectFrom("journal_entries as e")
    .innerJoin("journal_lines as l", "l.entry_id", "e.id")
    .innerJoin("ledger_accounts as a", "a.id", "l.account_id")
    .select(["a.owner_id", "l.amount"])
    .where("e.idempotency_key", "=", `payment.captured:${checkoutId}`)
    .where("a.kind", "=", "gateway_clearing")
    .executeTakeFirst();
  if (!line?.owner_id) return null;
  const payment = await db
    .selectFrom("payments")
    .select("provider_ref")
    .where("purpose", "=", "checkout")
    .where("reference_id", "=", checkoutId)
    .where("provider", "=", line.owner_id as PaymentProviderName)
    .where("provider_ref", "is not", null)
    .orderBy("succeeded_at", (ob) => ob.desc().nullsLast())
    .executeTakeFirst();
  // The clearing line's debit is what the gateway collected: the grand total less any wallet part.
  return { provider: line.owner_id, providerRef: payment?.provider_ref ?? checkoutId, amount: Number(line.amount) };
}

/**
 * What the gateway can still send back for a checkout: what it collected, less every refund to the
 * original method already requested for the checkout's orders (failed ones are retried, so they
 * still count) and less a closed checkout's whole-payment refunds.
 */
export async function gatewayRefundRoom(db: Db, checkoutId: string, collected: number): Promise<number> {
  const row = await db
    .selectFrom("checkouts as c")
    .select((eb) => [
      eb
        .selectFrom("refunds as r")
        .innerJoin("orders as o", "o.id", "r.order_id")
        .select((sub) => sub.fn.coalesce(sub.fn.sum<number>("r.amount"), sub.lit(0)).as("sum"))
        .whereRef("o.checkout_id", "=", "c.id")
        .where("r.destination", "=", "original")
        .as("to_original"),
      eb
        .selectFrom("payment_refunds as pr")
        .innerJoin("payments as p", "p.id", "pr.payment_id")
        .select((sub) => sub.fn.coalesce(sub.fn.sum<number>("pr.amount"), sub.lit(0)).as("sum"))
        .whereRef("p.reference_id", "=", "c.id")
        .where("p.purpose", "=", "checkout")
        .where("pr.status", "<>", "failed")
        .as("whole_payment"),
    ])
    .where("c.id", "=", checkoutId)
    .executeTakeFirst();
  return collected - Number(row?.to_original ?? 0) - Number(row?.whole_payment ?? 0);
}

/** Sum of the line's refunds that reached the customer. */
export async function succeededOnLine(db: Db, orderLineId: string): Promise<number> {
  const row = await db
    .selectFrom("refunds")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("amount"), eb.lit(0)).as("total"))
    .where("order_line_id", "=", orderLineId)
    .where("status", "=", "succeeded")
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}
