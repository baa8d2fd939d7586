import { listNotificationsInputSchema, listNotificationsOutputSchema } from "@niaga/contracts";
import { listNotifications } from "@niaga/core/notifications/notifications.service";
import { actorOf } from "../../../actor.ts";
import { authedProcedure } from "../../../trpc.ts";

// Every signed-in account has an inbox: sellers and managers are notified too.
export const listNotificationsProcedure = authedProcedure
  .input(listNotificationsInputSchema)
  .output(listNotificationsOutputSchema)
  .query(({ ctx, input }) => listNotifications(ctx.db, actorOf(ctx), input));
