import { notificationPreferencesOutputSchema } from "@niaga/contracts";
import { getNotificationPreferences } from "@niaga/core/notifications/preferences";
import { actorOf } from "../../../actor.ts";
import { authedProcedure } from "../../../trpc.ts";

export const getNotificationPreferencesProcedure = authedProcedure
  .output(notificationPreferencesOutputSchema)
  .query(({ ctx }) => getNotificationPreferences(ctx.db, actorOf(ctx)));
