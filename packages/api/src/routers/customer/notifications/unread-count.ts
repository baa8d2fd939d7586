import { unreadCountOutputSchema } from "@niaga/contracts";
import { unreadNotificationCount } from "@niaga/core/notifications/notifications.service";
import { actorOf } from "../../../actor.ts";
import { authedProcedure } from "../../../trpc.ts";

export const unreadNotificationCountProcedure = authedProcedure
  .output(unreadCountOutputSchema)
  .query(({ ctx }) => unreadNotificationCount(ctx.db, actorOf(ctx)));
