import type { Config } from "@niaga/config";
import type { Database } from "@niaga/db";
import type { Kysely } from "kysely";
import type { PaymentProvider } from "../payments/payment-provider.ts";
import { createPaymentProvider } from "../payments/payments.factory.ts";

/** The one provider call a refund needs; the idempotency key makes a retried call return the first refund. */
export type RefundGateway = Pick<PaymentProvider, "refund">;

/** Finds the gateway for a provider name ("stripe", "midtrans", "sandbox"); null when this process has none. */
export type RefundGateways = (provider: string) => RefundGateway | null;

/** The process's one configured provider, answering for its own name only. */
export function gatewaysOf(provider: PaymentProvider): RefundGateways {
  return (name) => (name === provider.name ? provider : null);
}

const byConfig = new WeakMap<Config, RefundGateways>();

/** The configured provider's gateways, built once per config (for procedures and jobs that have no provider handed in). */
export function gatewaysFromConfig(config: Config, db: Kysely<Database>): RefundGateways {
  let gateways = byConfig.get(config);
  if (!gateways) {
    gateways = gatewaysOf(createPaymentProvider({ config, db }));
    byConfig.set(config, gateways);
  }
  return gateways;
}
