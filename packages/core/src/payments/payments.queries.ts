import type { PaymentProviderName, PaymentPurpose, PaymentTable } from "@niaga/db";
import type { Selectable } from "kysely";
import type { Db } from "../shared/db.ts";

export type PaymentRow = Selectable<PaymentTable>;

/** Inserts the payment for (purpose, reference) unless one exists; returns the one that exists. */
export async function insertPaymentOnce(
  db: Db,
  row: {
    id: string;
    purpose: PaymentPurpose;
    referenceId: string;
    customerId: string;
    provider: PaymentProviderName;
    amount: number;
    currency: string;
  },
): Promise<PaymentRow> {
  await db
    .insertInto("payments")
    .values({
      id: row.id,
      purpose: row.purpose,
      reference_id: row.referenceId,
      customer_id: row.customerId,
      provider: row.provider,
      provider_ref: null,
      amount: row.amount,
      currency: row.currency,
      client_secret: null,
      redirect_url: null,
      failure_reason: null,
      succeeded_at: null,
    })
    .onConflict((oc) => oc.columns(["purpose", "reference_id"]).doNothing())
    .execute();
  return db
    .selectFrom("payments")
    .selectAll()
    .where("purpose", "=", row.purpose)
    .where("reference_id", "=", row.referenceId)
    .executeTakeFirstOrThrow();
}

export function findPayment(db: Db, id: string): Promise<PaymentRow | undefined> {
  return db.selectFrom("payments").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Locks the payment a gateway reference names (the one lock every event for it takes). */
export function lockPaymentByRef(
  db: Db,
  params: { provider: PaymentProviderName; providerRef: string },
): Promise<PaymentRow | undefined> {
  return db
    .selectFrom("payments")
    .selectAll()
    .where("provider", "=", params.provider)
    .where("provider_ref", "=", params.providerRef)
    .forUpdate()
    .executeTakeFirst();
}

/** Stores what the gateway answered, once: a racing duplicate leaves the first answer. */
export async function storeProviderData(
  db: Db,
  params: { id: string; providerRef: string; clientSecret: string | null; redirectUrl: string | null },
): Promise<PaymentRow> {
  await db
    .updateTable("payments")
    .set({
      provider_ref: params.providerRef,
      client_secret: params.clientSecret,
      redirect_url: params.redirectUrl,
      updated_at: new Date(),
    })
    .where("id", "=", params.id)
    .where("provider_ref", "is", null)
    .execute();
  return db.selectFrom("payments").selectAll().where("id", "=", params.id).executeTakeFirstOrThrow();
}
