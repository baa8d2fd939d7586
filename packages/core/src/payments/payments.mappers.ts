import type { PaymentView } from "@niaga/contracts";
import type { PaymentRow } from "./payments.queries.ts";

/** The customer's view of a payment (no internal failure details). */
export function toPaymentView(row: PaymentRow): PaymentView {
  return {
    id: row.id,
    purpose: row.purpose,
    referenceId: row.reference_id,
    provider: row.provider,
    providerRef: row.provider_ref,
    status: row.status,
    amount: row.amount,
    amountRefunded: row.amount_refunded,
    currency: row.currency,
    clientSecret: row.client_secret,
    redirectUrl: row.redirect_url,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
