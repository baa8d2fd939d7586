import { liveOrderInputSchema, liveOrderMessageSchema } from "@niaga/contracts";
import { liveOrderStatus } from "@niaga/core/realtime/live-order";
import { asTracked, liveDeps, trackedOutput } from "../../../live.ts";
import { customerProcedure } from "../../../trpc.ts";

export const liveOrderProcedure = customerProcedure
  .input(liveOrderInputSchema)
  .output(trackedOutput(liveOrderMessageSchema))
  .subscription(({ ctx, input, signal }) =>
    asTracked(
      ctx,
      liveOrderStatus(liveDeps(ctx), {
        customerId: ctx.principal.userId,
        orderId: input.orderId,
        lastEventId: input.lastEventId,
        signal,
      }),
    ),
  );
