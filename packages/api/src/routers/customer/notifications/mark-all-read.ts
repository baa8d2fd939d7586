import { markReadOutputSchema } from "@niaga/contracts";
import { markAllNotificationsRead } from "@niaga/core/notifications/notifications.service";
import { actorOf } from "../../../actor.ts";
import { authedProcedure } from "../../../trpc.ts";

export const markAllNotificationsReadProcedure = authedProcedure
  .output(markReadOutputSchema)
  .mutation(({ ctx }) => markAllNotificationsRead(ctx.db, actorOf(ctx)));
