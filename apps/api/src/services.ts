import type { Services } from "@niaga/api";
import { createAuth, createAuthenticator } from "@niaga/auth";
import type { Config } from "@niaga/config";
import type { Mailer } from "@niaga/core/mail/mailer";
import { createOutboxMailer } from "@niaga/core/mail/mailer";
import { createSmtpMailer } from "@niaga/core/mail/smtp-mailer";
import type { Logger } from "@niaga/core/shared/logger";
import { createShippingProvider } from "@niaga/core/shipping/shipping.factory";
import type { ShippingProvider } from "@niaga/core/shipping/shipping.provider";
import type { Storage } from "@niaga/core/storage/storage";
import { createLocalDiskStorage } from "@niaga/core/storage/storage";
import type { Database } from "@niaga/db";
import type { Kysely } from "kysely";

/** Wires the long-lived parts from config; tests call it with their own database and folders. */
export function buildServices(params: {
  config: Config;
  db: Kysely<Database>;
  logger: Logger;
  storage?: Storage;
  mailer?: Mailer;
  shipping?: ShippingProvider;
}): Services {
  const { config, db, logger } = params;
  const mailer =
    params.mailer ??
    (config.SMTP_URL
      ? createSmtpMailer(config.SMTP_URL, config.MAIL_FROM)
      : createOutboxMailer(db, (line) => logger.info(line)));
  const storage = params.storage ?? createLocalDiskStorage(config.STORAGE_DIR, config.PUBLIC_API_URL);
  const auth = createAuth({ db, config, mailer });
  const authenticate = createAuthenticator(auth, db, config.PUBLIC_API_URL);
  const shipping = params.shipping ?? createShippingProvider({ config, db });
  return { db, config, auth, authenticate, storage, mailer, logger, shipping };
}
