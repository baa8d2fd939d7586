import type { Services } from "@niaga/api";
import { createAuth, createAuthenticator } from "@niaga/auth";
import type { Config } from "@niaga/config";
import type { JobsControl } from "@niaga/core/jobs-admin/jobs-admin.service";
import type { Mailer } from "@niaga/core/mail/mailer";
import { createOutboxMailer, lazySmtpMailer } from "@niaga/core/mail/mailer";
import type { PaymentProvider } from "@niaga/core/payments/payment-provider";
import { createPaymentProvider } from "@niaga/core/payments/payments.factory";
import { createRealtimeHub } from "@niaga/core/realtime/realtime.hub";
import type { Logger } from "@niaga/core/shared/logger";
import { createShippingProvider } from "@niaga/core/shipping/shipping.factory";
import type { ShippingProvider } from "@niaga/core/shipping/shipping.provider";
import type { Storage } from "@niaga/core/storage/storage";
import { createLocalDiskStorage } from "@niaga/core/storage/storage";
import type { Database } from "@niaga/db";
import { openListenConnection } from "@niaga/db";
import type { Kysely } from "kysely";

/**
 * Admin job commands through a small pg-boss client, imported and connected on the first command
 * only: an API process that never gets one never loads pg-boss.
 */
function lazyJobsControl(connectionString: string | undefined): JobsControl {
  let control: Promise<JobsControl> | null = null;
  const get = () => {
    if (!connectionString) throw new Error("the job system needs DATABASE_URL");
    control ??= import("@niaga/jobs/admin/jobs-control").then((m) => m.createJobsControl(connectionString));
    return control;
  };
  return {
    retry: async (queue, id) => (await get()).retry(queue, id),
    runNow: async (name) => (await get()).runNow(name),
    close: async () => {
      if (control) await (await control).close?.();
    },
  };
}

/** Wires the long-lived parts from config; tests call it with their own database and folders. */
export function buildServices(params: {
  config: Config;
  db: Kysely<Database>;
  logger: Logger;
  storage?: Storage;
  mailer?: Mailer;
  shipping?: ShippingProvider;
  payments?: PaymentProvider;
  jobs?: JobsControl;
  /** The database the real-time hub LISTENs on (defaults to DATABASE_URL; main passes the embedded one). */
  connectionString?: string;
}): Services {
  const { config, db, logger } = params;
  const mailer =
    params.mailer ??
    (config.SMTP_URL
      ? lazySmtpMailer(config.SMTP_URL, config.MAIL_FROM)
      : createOutboxMailer(db, (line) => logger.info(line)));
  const storage = params.storage ?? createLocalDiskStorage(config.STORAGE_DIR, config.PUBLIC_API_URL);
  const auth = createAuth({ db, config, mailer });
  const authenticate = createAuthenticator(auth, db, config.PUBLIC_API_URL);
  const shipping = params.shipping ?? createShippingProvider({ config, db });
  const payments = params.payments ?? createPaymentProvider({ config, db });
  // Connects on start (main) or on the first subscription (tests); one LISTEN connection per process.
  const connectionString = params.connectionString ?? config.DATABASE_URL;
  const realtime = createRealtimeHub({
    db,
    logger,
    connect: () => openListenConnection(connectionString ?? "", { applicationName: "niaga-realtime" }),
  });
  const jobs = params.jobs ?? lazyJobsControl(connectionString);
  return { db, config, auth, authenticate, storage, mailer, logger, shipping, payments, realtime, jobs };
}
