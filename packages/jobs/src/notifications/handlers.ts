import type { Config } from "@niaga/config";
import type { EventHandler } from "@niaga/core/events/dispatch";
import type { Mailer } from "@niaga/core/mail/mailer";
import { createOutboxMailer } from "@niaga/core/mail/mailer";
import { createNotificationsHandler } from "@niaga/core/notifications/notifications.handler";

/** SMTP when configured; nodemailer loads on the first message only. */
export function lazySmtpMailer(smtpUrl: string, from: string): Mailer {
  let transport: Promise<Mailer> | null = null;
  return {
    kind: "smtp",
    async send(message) {
      transport ??= import("@niaga/core/mail/smtp-mailer").then((m) => m.createSmtpMailer(smtpUrl, from));
      await (await transport).send(message);
    },
  };
}

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
