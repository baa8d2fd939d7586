import type { PaymentView } from "@niaga/contracts";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { DomainError, NotFoundError } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import type { PaymentProvider } from "./payment-provider.ts";
import { toPaymentView } from "./payments.mappers.ts";
import type { PaymentRow } from "./payments.queries.ts";
import { findPayment, insertPaymentOnce, storeProviderData } from "./payments.queries.ts";

/** The gateway idempotency key of a payment: every retry of "pay" creates it at most once. */
export const paymentIdempotencyKey = (paymentId: string) => `payment:${paymentId}`;

/**
 * Asks the gateway for the payment when it has not answered yet. Runs outside any transaction
 * (a slow gateway never holds a lock); the idempotency key makes a retry or a racing duplicate
 * get the same gateway payment, and only the first answer is stored.
 */
async function ensureGatewayPayment(
  db: Db,
  provider: PaymentProvider,
  payment: PaymentRow,
  description: string,
): Promise<PaymentRow> {
  if (payment.provider_ref) return payment;
  const customer = await db.selectFrom("user").select("email").where("id", "=", payment.customer_id).executeTakeFirst();
  const created = await provider.createPayment({
    paymentId: payment.id,
    amount: payment.amount,
    currency: payment.currency,
    description,
    customerEmail: customer?.email ?? null,
    idempotencyKey: paymentIdempotencyKey(payment.id),
    metadata: { paymentId: payment.id, purpose: payment.purpose, reference: payment.reference_id },
  });
  return storeProviderData(db, {
    id: payment.id,
    providerRef: created.providerRef,
    clientSecret: created.clientSecret ?? null,
    redirectUrl: created.redirectUrl ?? null,
  });
}

/**
 * Creates (or returns) the payment of a checkout awaiting payment: its grand total through the
 * process's provider. Another customer's checkout answers NOT_FOUND; a checkout no longer
 * payable (expired, cancelled, its window over) answers CONFLICT unless it already has a payment.
 */
export async function startCheckoutPayment(
  db: Db,
  provider: PaymentProvider,
  params: { customerId: string; checkoutId: string; now?: Date },
): Promise<PaymentView> {
  const now = params.now ?? new Date();
  const payment = await inTransaction(db, async (trx) => {
    const checkout = await trx
      .selectFrom("checkouts")
      .select(["id", "status", "grand_total", "wallet_amount", "currency", "expires_at"])
      .where("id", "=", params.checkoutId)
      .where("customer_id", "=", params.customerId)
      .forUpdate()
      .executeTakeFirst();
    if (!checkout) throw new NotFoundError("Checkout");
    const existing = await trx
      .selectFrom("payments")
      .selectAll()
      .where("purpose", "=", "checkout")
      .where("reference_id", "=", checkout.id)
      .executeTakeFirst();
    const payable = checkout.status === "pending_payment" && checkout.expires_at > now;
    // A payment the gateway already knows is returned whatever happened since; one it never
    // created is only retried while the checkout can still be paid.
    if (existing && (existing.provider_ref || payable)) return existing;
    if (!payable) {
      throw new DomainError(
        "CONFLICT",
        `A checkout that is ${checkout.status === "pending_payment" ? "expired" : checkout.status} cannot be paid`,
      );
    }
    // The wallet part was set aside at checkout; the provider collects the rest.
    const due = checkout.grand_total - checkout.wallet_amount;
    if (due <= 0) throw new DomainError("CONFLICT", "This checkout has nothing left to pay");
    return insertPaymentOnce(trx, {
      id: newId(),
      purpose: "checkout",
      referenceId: checkout.id,
      customerId: params.customerId,
      provider: provider.name,
      amount: due,
      currency: checkout.currency,
    });
  });
  if (payment.status !== "pending") return toPaymentView(payment);
  return toPaymentView(await ensureGatewayPayment(db, provider, payment, `Niaga checkout ${payment.reference_id}`));
}

/**
 * Starts a wallet top-up of `amount` minor units: a new payment (the top-up's id is its
 * reference) whose success credits the customer's wallet. Returns its client data.
 */
export async function startWalletTopUp(
  db: Db,
  provider: PaymentProvider,
  params: { customerId: string; amount: number; currency: string },
): Promise<PaymentView> {
  if (!Number.isSafeInteger(params.amount) || params.amount <= 0) {
    throw new DomainError("INVALID", "Amount must be positive", { amount: ["Amount must be positive"] });
  }
  const payment = await insertPaymentOnce(db, {
    id: newId(),
    purpose: "wallet_topup",
    referenceId: `topup_${newId()}`,
    customerId: params.customerId,
    provider: provider.name,
    amount: params.amount,
    currency: params.currency,
  });
  return toPaymentView(await ensureGatewayPayment(db, provider, payment, "Niaga wallet top-up"));
}

/** One of the customer's payments; another customer's answers NOT_FOUND. */
export async function getPayment(db: Db, params: { customerId: string; paymentId: string }): Promise<PaymentView> {
  const payment = await findPayment(db, params.paymentId);
  if (!payment || payment.customer_id !== params.customerId) throw new NotFoundError("Payment");
  return toPaymentView(payment);
}
