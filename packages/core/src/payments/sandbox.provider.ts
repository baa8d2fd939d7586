import type { Database } from "@niaga/db";
import type { Kysely } from "kysely";
import { newId } from "../shared/ids.ts";
import type { GatewayPaymentRecord, PaymentProvider } from "./payment-provider.ts";
import { WebhookSignatureError } from "./payment-provider.ts";

/** The sandbox's payment reference for a Niaga payment id. */
export const sandboxRef = (paymentId: string) => `sbx_${paymentId}`;

/**
 * The provider inside Niaga, used when no gateway keys are set: nobody is charged, and a
 * developer or a test decides each payment at POST /sandbox/payments/:id/approve or /decline
 * (see payment-events.ts `recordSandboxDecision`). Its "gateway records" are Niaga's own rows,
 * so reconciliation over the sandbox always agrees.
 */
export function createSandboxProvider(db: Kysely<Database>): PaymentProvider {
  return {
    name: "sandbox",
    async createPayment(input) {
      return { providerRef: sandboxRef(input.paymentId), clientSecret: null, redirectUrl: null };
    },
    async refund() {
      return { refundRef: `sbx_re_${newId()}`, status: "succeeded" };
    },
    async parseWebhook() {
      // The sandbox has no signed webhooks: decisions come from its own endpoints.
      throw new WebhookSignatureError("The sandbox provider takes decisions at /sandbox/payments/:id/approve|decline");
    },
    async listPayments(window) {
      const rows = await db
        .selectFrom("payments")
        .select(["provider_ref", "status", "amount", "amount_refunded", "currency", "created_at"])
        .where("provider", "=", "sandbox")
        .where("provider_ref", "is not", null)
        .where("created_at", ">=", window.from)
        .where("created_at", "<", window.to)
        .orderBy("created_at")
        .execute();
      return rows.map(
        (row): GatewayPaymentRecord => ({
          providerRef: row.provider_ref as string,
          // A captured payment the gateway holds is "succeeded" whatever Niaga did with it.
          status: row.status === "refund_due" ? "succeeded" : row.status,
          amount: row.amount,
          amountRefunded: row.amount_refunded,
          currency: row.currency,
          createdAt: row.created_at,
        }),
      );
    },
    async listRefunds(window) {
      const rows = await db
        .selectFrom("payment_refunds as r")
        .innerJoin("payments as p", "p.id", "r.payment_id")
        .select(["r.provider_refund_ref", "p.provider_ref", "r.amount", "r.status", "r.created_at"])
        .where("p.provider", "=", "sandbox")
        .where("r.provider_refund_ref", "is not", null)
        .where("r.created_at", ">=", window.from)
        .where("r.created_at", "<", window.to)
        .orderBy("r.created_at")
        .execute();
      return rows.map((row) => ({
        refundRef: row.provider_refund_ref as string,
        providerRef: row.provider_ref as string,
        amount: row.amount,
        status: row.status,
        createdAt: row.created_at,
      }));
    },
  };
}
