import { liveCursorInputSchema, liveStoreOrderMessageSchema } from "@niaga/contracts";
import { liveStoreOrders } from "@niaga/core/realtime/live-store-orders";
import { asTracked, liveDeps, trackedOutput } from "../../../live.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const liveStoreOrdersProcedure = sellerProcedure
  .input(liveCursorInputSchema)
  .output(trackedOutput(liveStoreOrderMessageSchema))
  .subscription(({ ctx, input, signal }) =>
    asTracked(
      ctx,
      liveStoreOrders(liveDeps(ctx), { sellerUserId: ctx.principal.userId, lastEventId: input?.lastEventId, signal }),
    ),
  );
