import type { Config } from "@niaga/config";
import type { EventHandler } from "@niaga/core/events/dispatch";
import { createOutboxMailer, lazySmtpMailer } from "@niaga/core/mail/mailer";
import { createNotificationsHandler } from "@niaga/core/notifications/notifications.handler";

/**
 * The handlers every dispatch runs, in order. Without SMTP the dev outbox writes on the dispatch
 * transaction, so a replayed event never stores a second copy of its email.
 */
export function defaultEventHandlers(config: Config): EventHandler[] {
  const smtp = config.SMTP_URL ? lazySmtpMailer(config.SMTP_URL, config.MAIL_FROM) : null;
  return [
    createNotificationsHandler({
      mailerFor: (trx) => smtp ?? createOutboxMailer(trx),
      currency: config.CURRENCY,
    }),
  ];
}
