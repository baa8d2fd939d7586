import { createOutboxMailer, lazySmtpMailer } from "@niaga/core/mail/mailer";
import { sendNotificationDigests } from "@niaga/core/notifications/digest";
import type { JobDeps } from "../definitions.ts";

/**
 * Today's notification digests (MARKETPLACE_TIME_ZONE). Without SMTP the dev outbox writes in each
 * user's digest transaction, so a replayed run stores no second copy.
 */
export async function runNotificationDigests({ db, logger, config }: JobDeps, now?: Date): Promise<void> {
  const smtp = config.SMTP_URL ? lazySmtpMailer(config.SMTP_URL, config.MAIL_FROM) : null;
  const result = await sendNotificationDigests(db, {
    mailerFor: (trx) => smtp ?? createOutboxMailer(trx),
    timeZone: config.MARKETPLACE_TIME_ZONE,
    minAgeHours: config.NOTIFICATION_DIGEST_MIN_AGE_HOURS,
    ...(now && { now }),
  });
  logger.info("notifications.digest done", result);
}
