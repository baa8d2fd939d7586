import { gatewaysFromConfig } from "@niaga/core/refunds/refund-gateway";
import { retryPendingRefunds } from "@niaga/core/refunds/refunds.service";
import type { JobDeps } from "../definitions.ts";

/** Refunds untouched this long are not in flight: a crash left them requested, or the provider failed. */
const STALE_MS = 5 * 60_000;

/** Sends back refunds to the original payment method that failed or were interrupted. */
export async function runRefundRetry({ db, logger, config }: JobDeps): Promise<void> {
  const result = await retryPendingRefunds(db, gatewaysFromConfig(config, db), {
    olderThan: new Date(Date.now() - STALE_MS),
  });
  if (result.succeeded + result.failed > 0) logger.info("refunds.retry done", result);
}
