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
): Promise<{ provider: string; providerRef: string } | null> {
  const line = await db
    .selectFrom("journal_entries as e")
    .innerJoin("journal_lines as l", "l.entry_id", "e.id")
    .innerJoin("ledger_accounts as a", "a.id", "l.account_id")
    .select(["a.owner_id"])
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
  return { provider: line.owner_id, providerRef: payment?.provider_ref ?? checkoutId };
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
