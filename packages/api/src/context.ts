import type { Auth, Authenticate, Principal } from "@niaga/auth";
import type { Config } from "@niaga/config";
import type { JobsControl } from "@niaga/core/jobs-admin/jobs-admin.service";
import type { Mailer } from "@niaga/core/mail/mailer";
import type { PaymentProvider } from "@niaga/core/payments/payment-provider";
import type { RealtimeHub } from "@niaga/core/realtime/realtime.hub";
import type { Logger } from "@niaga/core/shared/logger";
import type { ShippingProvider } from "@niaga/core/shipping/shipping.provider";
import type { Storage } from "@niaga/core/storage/storage";
import type { Database } from "@niaga/db";
import type { Kysely } from "kysely";

/** Long-lived parts the API is built from; made once per process. */
export interface Services {
  db: Kysely<Database>;
  config: Config;
  auth: Auth;
  authenticate: Authenticate;
  storage: Storage;
  mailer: Mailer;
  logger: Logger;
  shipping: ShippingProvider;
  /** The payment provider chosen from config (sandbox, Stripe or Midtrans). */
  payments: PaymentProvider;
  /** The process's LISTEN/NOTIFY hub the live (subscription) procedures stream from. */
  realtime: RealtimeHub;
  /** Admin commands on the job system (retry, run now); pg-boss loads on the first one. */
  jobs: JobsControl;
}

/**
 * The inner context: what a procedure may use, with no HTTP request in it, so tests, jobs and
 * scripts can build one directly with `createInnerContext`.
 */
export interface Context {
  db: Kysely<Database>;
  config: Config;
  auth: Auth;
  storage: Storage;
  shipping: ShippingProvider;
  payments: PaymentProvider;
  realtime: RealtimeHub;
  jobs: JobsControl;
  principal: Principal | null;
  requestId: string;
  log: Logger;
}

export function createInnerContext(
  services: Services,
  params: { principal: Principal | null; requestId: string },
): Context {
  return {
    db: services.db,
    config: services.config,
    auth: services.auth,
    storage: services.storage,
    shipping: services.shipping,
    payments: services.payments,
    realtime: services.realtime,
    jobs: services.jobs,
    principal: params.principal,
    requestId: params.requestId,
    log: services.logger.child({ requestId: params.requestId }),
  };
}

/** The outer context: resolves who is calling from the request's headers. */
export async function createRequestContext(services: Services, params: { headers: Headers; requestId: string }) {
  const principal = await services.authenticate(params.headers);
  return createInnerContext(services, { principal, requestId: params.requestId });
}
