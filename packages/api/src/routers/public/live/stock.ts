import { liveStockInputSchema, liveStockMessageSchema } from "@niaga/contracts";
import { liveProductStock } from "@niaga/core/realtime/live-stock";
import { asTracked, liveDeps, trackedOutput } from "../../../live.ts";
import { publicProcedure } from "../../../trpc.ts";

export const liveStockProcedure = publicProcedure
  .input(liveStockInputSchema)
  .output(trackedOutput(liveStockMessageSchema))
  .subscription(({ ctx, input, signal }) =>
    asTracked(
      ctx,
      liveProductStock(liveDeps(ctx), { productId: input.productId, lastEventId: input.lastEventId, signal }),
    ),
  );
