import type { MailMessage } from "./mailer.ts";

/** At most this many titles are listed; the rest are counted ("and 3 more"). */
export const DIGEST_LISTED_TITLES = 10;

/**
 * The daily digest email, in the user's language (English when unknown): how many notifications
 * wait unread, the newest titles, and where to turn the digest off.
 */
export function digestEmail(params: {
  to: string;
  name: string;
  language: string;
  count: number;
  titles: readonly string[];
}): MailMessage {
  const id = params.language === "id";
  const listed = params.titles.slice(0, DIGEST_LISTED_TITLES);
  const more = params.count - listed.length;
  const subject = id
    ? `${params.count} notifikasi belum dibaca di Niaga`
    : `You have ${params.count} unread ${params.count === 1 ? "notification" : "notifications"} on Niaga`;
  const lines = [
    id ? `Halo ${params.name},` : `Hi ${params.name},`,
    "",
    id ? "Notifikasi berikut menunggu Anda:" : "These notifications are waiting for you:",
    "",
    ...listed.map((title) => `- ${title}`),
    ...(more > 0 ? [id ? `- dan ${more} lainnya` : `- and ${more} more`] : []),
    "",
    id
      ? "Matikan ringkasan harian ini di pengaturan notifikasi akun Niaga Anda."
      : "Turn this daily digest off in your Niaga account's notification settings.",
  ];
  return { to: params.to, subject, text: lines.join("\n") };
}
