import { notificationPreferencesOutputSchema, updateNotificationPreferencesInputSchema } from "@niaga/contracts";
import { updateNotificationPreferences } from "@niaga/core/notifications/preferences";
import { actorOf } from "../../../actor.ts";
import { authedProcedure } from "../../../trpc.ts";

export const updateNotificationPreferencesProcedure = authedProcedure
  .input(updateNotificationPreferencesInputSchema)
  .output(notificationPreferencesOutputSchema)
  .mutation(({ ctx, input }) => updateNotificationPreferences(ctx.db, actorOf(ctx), input));
