import { liveCursorInputSchema, liveNotificationMessageSchema } from "@niaga/contracts";
import { liveNotifications } from "@niaga/core/realtime/live-notifications";
import { asTracked, liveDeps, trackedOutput } from "../../../live.ts";
import { authedProcedure } from "../../../trpc.ts";

// Every account has notifications (managers hear of escalated complaints), like customer.me.
export const liveNotificationsProcedure = authedProcedure
  .input(liveCursorInputSchema)
  .output(trackedOutput(liveNotificationMessageSchema))
  .subscription(({ ctx, input, signal }) =>
    asTracked(
      ctx,
      liveNotifications(liveDeps(ctx), { userId: ctx.principal.userId, lastEventId: input?.lastEventId, signal }),
    ),
  );
