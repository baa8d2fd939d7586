import type { Config } from "@niaga/config";
import type { Database, PaymentProviderName } from "@niaga/db";
import type { Kysely } from "kysely";
import type Stripe from "stripe";
import type { GatewayPaymentRecord, PaymentProvider } from "../payments/payment-provider.ts";
import { PaymentUnavailableError } from "../payments/payment-provider.ts";
import { createPaymentProvider } from "../payments/payments.factory.ts";
import { createStripeClient } from "../payments/stripe-client.ts";
import type {
  GatewayRecord,
  GatewayStatus,
  ReconciliationSource,
  ReconciliationWindow,
} from "./reconciliation.source.ts";

/** Most transfers one window reads (a runaway guard, as in the payment adapters). */
const LIST_LIMIT = 10_000;

/** A payment the gateway captured stays a captured payment after refunds: those reconcile on their own. */
const paymentStatus = (status: GatewayPaymentRecord["status"]): GatewayStatus =>
  status === "refunded" || status === "partially_refunded" ? "succeeded" : status;

/**
 * A reconciliation source over a payment provider's list APIs, plus a payouts lister when the
 * provider pays sellers out (Stripe Connect transfers); without one it lists no payouts.
 * Refund records carry no currency of their own: the marketplace has one (CURRENCY).
 * `knownRefs` lets gateways without a window list API (Midtrans) be asked about our own payments.
 */
export function sourceFromProvider(
  provider: PaymentProvider,
  options: {
    currency: string;
    listPayouts?: (window: ReconciliationWindow) => Promise<GatewayRecord[]>;
    knownRefs?: (window: ReconciliationWindow) => Promise<string[]>;
  },
): ReconciliationSource {
  const knownRefs = options.knownRefs ?? (async () => []);
  return {
    provider: provider.name,
    async listPayments(window) {
      const records = await provider.listPayments({ ...window, providerRefs: await knownRefs(window) });
      return records.map((record) => ({
        providerRef: record.providerRef,
        amount: record.amount,
        currency: record.currency.toUpperCase(),
        status: paymentStatus(record.status),
        createdAt: record.createdAt,
      }));
    },
    async listRefunds(window) {
      const records = await provider.listRefunds({ ...window, providerRefs: await knownRefs(window) });
      return records.map((record) => ({
        providerRef: record.refundRef,
        amount: record.amount,
        currency: options.currency,
        status: record.status,
        createdAt: record.createdAt,
      }));
    },
    listPayouts: options.listPayouts ?? (async () => []),
  };
}

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** Stripe Connect transfers in the window ("separate charges and transfers" payouts to sellers). */
export function stripeTransfersLister(stripe: Stripe) {
  return async (window: ReconciliationWindow): Promise<GatewayRecord[]> => {
    let transfers: Stripe.Transfer[];
    try {
      transfers = await stripe.transfers
        .list({ created: { gte: seconds(window.from), lt: seconds(window.to) }, limit: 100 })
        .autoPagingToArray({ limit: LIST_LIMIT });
    } catch (error) {
      throw new PaymentUnavailableError("stripe", "Stripe transfers could not be listed", (error as Error).message);
    }
    return transfers.map((transfer) => ({
      providerRef: transfer.id,
      amount: transfer.amount,
      currency: transfer.currency.toUpperCase(),
      status: transfer.reversed ? "reversed" : "succeeded",
      createdAt: new Date(transfer.created * 1000),
      references: [transfer.metadata?.withdrawalId, transfer.transfer_group].filter(
        (value): value is string => typeof value === "string" && value.length > 0,
      ),
    }));
  };
}

/** The provider refs of our own payments created in the window (for gateways asked one by one). */
function paymentRefsIn(db: Kysely<Database>, provider: PaymentProviderName) {
  return async (window: ReconciliationWindow): Promise<string[]> => {
    const rows = await db
      .selectFrom("payments")
      .select("provider_ref")
      .where("provider", "=", provider)
      .where("provider_ref", "is not", null)
      .where("created_at", ">=", window.from)
      .where("created_at", "<", window.to)
      .execute();
    return rows.flatMap((row) => (row.provider_ref ? [row.provider_ref] : []));
  };
}

/**
 * The source the daily job and admin.reconciliation.runNow use: the process's payment provider
 * (createPaymentProvider picks Stripe, Midtrans or the sandbox from config). Stripe adds its
 * Connect transfers as payouts; Midtrans, which has no list API, is asked about each of our
 * payments in the window; the sandbox's records are Niaga's own payment rows.
 */
export function createReconciliationSource(config: Config, db: Kysely<Database>): ReconciliationSource {
  const provider = createPaymentProvider({ config, db });
  if (provider.name === "stripe" && config.STRIPE_SECRET_KEY) {
    const stripe = createStripeClient({
      secretKey: config.STRIPE_SECRET_KEY,
      maxNetworkRetries: config.STRIPE_MAX_NETWORK_RETRIES,
      timeoutMs: config.STRIPE_TIMEOUT_MS,
    });
    return sourceFromProvider(provider, { currency: config.CURRENCY, listPayouts: stripeTransfersLister(stripe) });
  }
  if (provider.name === "midtrans") {
    return sourceFromProvider(provider, { currency: config.CURRENCY, knownRefs: paymentRefsIn(db, "midtrans") });
  }
  return sourceFromProvider(provider, { currency: config.CURRENCY });
}
