import type { Db } from "../shared/db.ts";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** Where email goes: SMTP in production, the dev outbox table otherwise. */
export interface Mailer {
  readonly kind: "smtp" | "outbox";
  send(message: MailMessage): Promise<void>;
}

/**
 * The development outbox: every message is stored in `dev_outbox` (read it at `GET /dev/outbox`
 * on the API, or with SQL) and a one-line notice is logged. Used when SMTP_URL is not set.
 */
export function createOutboxMailer(db: Db, log: (line: string) => void = () => {}): Mailer {
  return {
    kind: "outbox",
    async send(message) {
      await db
        .insertInto("dev_outbox")
        .values({
          to_address: message.to,
          subject: message.subject,
          text_body: message.text,
          html_body: message.html ?? null,
        })
        .execute();
      log(`mail to ${message.to}: "${message.subject}" (dev outbox)`);
    },
  };
}

export interface OutboxEntry {
  id: number;
  to: string;
  subject: string;
  text: string;
  createdAt: Date;
}

/** Newest first; `to` narrows to one recipient. */
export async function listOutbox(db: Db, params: { to?: string; limit?: number } = {}): Promise<OutboxEntry[]> {
  let query = db
    .selectFrom("dev_outbox")
    .select(["id", "to_address", "subject", "text_body", "created_at"])
    .orderBy("id", "desc")
    .limit(params.limit ?? 50);
  if (params.to) query = query.where("to_address", "=", params.to.toLowerCase());
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    to: row.to_address,
    subject: row.subject,
    text: row.text_body,
    createdAt: row.created_at,
  }));
}

/**
 * The SMTP mailer, with nodemailer imported on the first message rather than at start-up: most
 * processes send mail rarely, and an API serving the catalog never needs the transport.
 */
export function lazySmtpMailer(smtpUrl: string, from: string): Mailer {
  let transport: Promise<Mailer> | null = null;
  return {
    kind: "smtp",
    async send(message) {
      transport ??= import("./smtp-mailer.ts").then((m) => m.createSmtpMailer(smtpUrl, from));
      await (await transport).send(message);
    },
  };
}
