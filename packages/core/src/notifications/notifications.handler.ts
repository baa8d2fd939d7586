import type { Database } from "@niaga/db";
import type { Transaction } from "kysely";
import type { EventHandler, StoredEvent } from "../events/dispatch.ts";
import { claimEffect } from "../events/dispatch.ts";
import { emitDomainEvents } from "../events/domain-events.ts";
import type { Mailer } from "../mail/mailer.ts";
import { notificationContent, notificationEmail } from "../mail/templates-notifications.ts";
import { newId } from "../shared/ids.ts";
import { preferenceFor } from "./preferences.ts";
import type { Recipient } from "./recipients.ts";
import { recipientsFor } from "./recipients.ts";

export const NOTIFICATIONS_HANDLER = "notifications";

/**
 * The dispatch handler that turns events into in-app notifications and emails. Each (event,
 * recipient, channel) is claimed in event_effects first, so an event handled twice notifies once.
 * `mailerFor(trx)` lets the dev outbox write in the dispatch transaction (exactly once); an SMTP
 * mailer sends before the commit, so a commit that fails after sending may send again on retry.
 */
export function createNotificationsHandler(params: {
  mailerFor: (trx: Transaction<Database>) => Mailer;
  currency: string;
}): EventHandler {
  return {
    name: NOTIFICATIONS_HANDLER,
    async handle(trx, event) {
      const recipients = await recipientsFor(trx, event, params.currency);
      for (const recipient of recipients) await deliver(trx, event, recipient, params.mailerFor(trx));
    },
  };
}

async function deliver(trx: Transaction<Database>, event: StoredEvent, recipient: Recipient, mailer: Mailer) {
  const user = await trx
    .selectFrom("user")
    .select(["id", "name", "email", "language"])
    .where("id", "=", recipient.userId)
    .executeTakeFirst();
  if (!user) return;
  const preference = await preferenceFor(trx, { userId: user.id, type: recipient.type });
  const content = notificationContent(recipient.type, user.language, recipient.data);
  const key = { eventId: event.id, handler: NOTIFICATIONS_HANDLER, recipientId: user.id };
  if (preference.inApp && (await claimEffect(trx, { ...key, channel: "in_app" }))) {
    const id = newId();
    await trx
      .insertInto("notifications")
      .values({
        id,
        user_id: user.id,
        type: recipient.type,
        title: content.title,
        body: content.body,
        data: JSON.stringify(recipient.data),
        event_id: event.id,
      })
      .execute();
    // The real-time stream listens for this and re-reads the row by id.
    await emitDomainEvents(trx, [
      {
        type: "notification.created",
        aggregate: { type: "user", id: user.id },
        payload: { notificationId: id, userId: user.id, kind: recipient.type },
      },
    ]);
  }
  if (preference.email && (await claimEffect(trx, { ...key, channel: "email" }))) {
    await mailer.send(notificationEmail({ to: user.email, name: user.name, language: user.language, content }));
  }
}
