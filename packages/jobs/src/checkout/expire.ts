import { expireUnpaidCheckouts } from "@niaga/core/checkout/checkout-expiry";
import type { JobDeps } from "../definitions.ts";

/** Releases what unpaid checkouts held once CHECKOUT_EXPIRY_MINUTES have passed. */
export async function runCheckoutExpiry({ db, logger }: JobDeps): Promise<void> {
  const expired = await expireUnpaidCheckouts(db);
  if (expired > 0) logger.info("checkout.expire done", { expired });
}
