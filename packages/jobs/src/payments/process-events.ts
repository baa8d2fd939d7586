import { processPendingPaymentEvents } from "@niaga/core/payments/payment-sweep";
import { createPaymentProvider } from "@niaga/core/payments/payments.factory";
import type { JobDeps } from "../definitions.ts";

/**
 * Drains stored gateway events (webhooks and sandbox decisions) and sends refunds found due.
 * The event rows are the durable queue: the webhook commits the row and nothing else, so the
 * API process never needs pg-boss, and a crash before or during processing leaves the row for
 * the next run, which completes it once.
 */
export async function runPaymentEventProcessing(deps: JobDeps): Promise<void> {
  const provider = createPaymentProvider({ config: deps.config, db: deps.db });
  const summary = await processPendingPaymentEvents(deps.db, provider);
  if (summary.failed > 0 || Object.keys(summary.outcomes).length > 0 || summary.refunds > 0) {
    deps.logger.info("payments.process-events done", { ...summary });
  }
}
