import { markNotificationReadInputSchema, markReadOutputSchema } from "@niaga/contracts";
import { markNotificationRead } from "@niaga/core/notifications/notifications.service";
import { actorOf } from "../../../actor.ts";
import { authedProcedure } from "../../../trpc.ts";

export const markNotificationReadProcedure = authedProcedure
  .input(markNotificationReadInputSchema)
  .output(markReadOutputSchema)
  .mutation(({ ctx, input }) => markNotificationRead(ctx.db, actorOf(ctx), input));
