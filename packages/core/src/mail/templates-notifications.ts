import type { NotificationType } from "@niaga/contracts";

/** The languages notifications are written in (the user's `language` column). */
export type Language = "en" | "id";

/** What a notification says: a short title (the email subject) and one or two plain sentences. */
export interface NotificationContent {
  title: string;
  body: string;
}

/** Facts a template may use; recipients resolution fills them from the database. */
export type TemplateData = Record<string, string | number | boolean | null>;

const STATUS_WORDS: Record<Language, Record<string, string>> = {
  en: {
    paid: "paid",
    processing: "being prepared",
    shipped: "shipped",
    delivered: "delivered",
    completed: "completed",
    cancelled: "cancelled",
  },
  id: {
    paid: "dibayar",
    processing: "sedang diproses",
    shipped: "dikirim",
    delivered: "telah diterima",
    completed: "selesai",
    cancelled: "dibatalkan",
  },
};

const text = (value: TemplateData[string] | undefined) => (value === null || value === undefined ? "" : String(value));

type Template = (data: TemplateData) => NotificationContent;

// One plain template per type and language. Amounts are in minor units with the currency code,
// as everywhere else in Niaga's messages.
const TEMPLATES: Record<NotificationType, Record<Language, Template>> = {
  "order.placed": {
    en: (d) => ({
      title: `New order ${text(d.orderNumber)}`,
      body: `A customer placed order ${text(d.orderNumber)} (${text(d.total)} ${text(d.currency)}). It is waiting for payment.`,
    }),
    id: (d) => ({
      title: `Pesanan baru ${text(d.orderNumber)}`,
      body: `Pelanggan membuat pesanan ${text(d.orderNumber)} (${text(d.total)} ${text(d.currency)}). Menunggu pembayaran.`,
    }),
  },
  "payment.confirmed": {
    en: (d) => ({
      title: `Order ${text(d.orderNumber)} is paid`,
      body: `Payment for order ${text(d.orderNumber)} was received. Please prepare it for shipping.`,
    }),
    id: (d) => ({
      title: `Pesanan ${text(d.orderNumber)} sudah dibayar`,
      body: `Pembayaran pesanan ${text(d.orderNumber)} sudah diterima. Silakan siapkan pengirimannya.`,
    }),
  },
  "order.status_changed": {
    en: (d) => ({
      title: `Order ${text(d.orderNumber)} is ${STATUS_WORDS.en[text(d.status)] ?? text(d.status)}`,
      body: `Your order ${text(d.orderNumber)} is now ${STATUS_WORDS.en[text(d.status)] ?? text(d.status)}.`,
    }),
    id: (d) => ({
      title: `Pesanan ${text(d.orderNumber)} ${STATUS_WORDS.id[text(d.status)] ?? text(d.status)}`,
      body: `Pesanan Anda ${text(d.orderNumber)} kini ${STATUS_WORDS.id[text(d.status)] ?? text(d.status)}.`,
    }),
  },
  "refund.decided": {
    en: (d) => ({
      title: `Your complaint on order ${text(d.orderNumber)} was decided`,
      body:
        d.decision === "reject"
          ? "The refund was refused. Open the complaint to read the note."
          : `A refund of ${text(d.amount)} ${text(d.currency)} was approved.`,
    }),
    id: (d) => ({
      title: `Komplain pesanan ${text(d.orderNumber)} sudah diputuskan`,
      body:
        d.decision === "reject"
          ? "Pengembalian dana ditolak. Buka komplain untuk membaca catatannya."
          : `Pengembalian dana sebesar ${text(d.amount)} ${text(d.currency)} disetujui.`,
    }),
  },
  "complaint.opened": {
    en: (d) => ({
      title: `New complaint on order ${text(d.orderNumber)}`,
      body: `A customer opened a complaint on order ${text(d.orderNumber)}. Please answer it in time.`,
    }),
    id: (d) => ({
      title: `Komplain baru pada pesanan ${text(d.orderNumber)}`,
      body: `Pelanggan mengajukan komplain pada pesanan ${text(d.orderNumber)}. Mohon segera ditanggapi.`,
    }),
  },
  "complaint.escalated": {
    en: (d) => ({
      title: `Complaint escalated on order ${text(d.orderNumber)}`,
      body: `A customer escalated complaint ${text(d.complaintId)}. It waits for a manager's decision.`,
    }),
    id: (d) => ({
      title: `Komplain dieskalasi pada pesanan ${text(d.orderNumber)}`,
      body: `Pelanggan mengeskalasi komplain ${text(d.complaintId)}. Menunggu keputusan manajer.`,
    }),
  },
  "stock.low": {
    en: (d) => ({
      title: `Low stock: ${text(d.productTitle)}`,
      body: `Only ${text(d.available)} left of ${text(d.productTitle)} (threshold ${text(d.threshold)}).`,
    }),
    id: (d) => ({
      title: `Stok menipis: ${text(d.productTitle)}`,
      body: `Tersisa ${text(d.available)} untuk ${text(d.productTitle)} (batas ${text(d.threshold)}).`,
    }),
  },
  "withdrawal.decided": {
    en: (d) => ({
      title: `Withdrawal ${text(d.status)}`,
      body: `Your withdrawal of ${text(d.amount)} ${text(d.currency)} is ${text(d.status)}.`,
    }),
    id: (d) => ({
      title: `Penarikan dana: ${text(d.status)}`,
      body: `Penarikan dana Anda sebesar ${text(d.amount)} ${text(d.currency)} berstatus ${text(d.status)}.`,
    }),
  },
  "product.published": {
    en: (d) => ({
      title: `New from ${text(d.storeName)}`,
      body: `${text(d.storeName)} just added ${text(d.productTitle)}.`,
    }),
    id: (d) => ({
      title: `Baru dari ${text(d.storeName)}`,
      body: `${text(d.storeName)} baru saja menambahkan ${text(d.productTitle)}.`,
    }),
  },
};

/** The title and body of one notification, in the recipient's language (English when unknown). */
export function notificationContent(type: NotificationType, language: string, data: TemplateData): NotificationContent {
  const lang: Language = language === "id" ? "id" : "en";
  return TEMPLATES[type][lang](data);
}

/** The email for a notification: the same words, with a greeting and where to change preferences. */
export function notificationEmail(params: {
  to: string;
  name: string;
  language: string;
  content: NotificationContent;
}): { to: string; subject: string; text: string } {
  const id = params.language === "id";
  const lines = [
    id ? `Halo ${params.name},` : `Hi ${params.name},`,
    "",
    params.content.body,
    "",
    id
      ? "Atur email yang Anda terima di pengaturan notifikasi akun Niaga Anda."
      : "Choose which emails you get in your Niaga account's notification settings.",
  ];
  return { to: params.to, subject: params.content.title, text: lines.join("\n") };
}
