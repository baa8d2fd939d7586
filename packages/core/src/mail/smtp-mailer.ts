import nodemailer from "nodemailer";
import type { Mailer } from "./mailer.ts";

/** SMTP through nodemailer; `SMTP_URL` is e.g. `smtps://user:pass@smtp.example.com:465`. */
export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    kind: "smtp",
    async send(message) {
      await transport.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
    },
  };
}
