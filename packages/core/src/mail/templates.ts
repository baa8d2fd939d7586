import type { MailMessage } from "./mailer.ts";

// Plain, readable templates. Each takes what it needs and returns a message; the language
// field on the user will pick a variant once notifications land (English for now).

export function passwordResetEmail(params: {
  to: string;
  name: string;
  url: string;
  expiresInMinutes: number;
}): MailMessage {
  const text = [
    `Hi ${params.name},`,
    "",
    "Someone asked to reset the password of your Niaga account. If it was you, open this link to choose a new one:",
    "",
    params.url,
    "",
    `The link works once and expires in ${params.expiresInMinutes} minutes. If you did not ask, ignore this email: your password stays as it is.`,
  ].join("\n");
  return { to: params.to, subject: "Reset your Niaga password", text };
}
