import { shippingRateSchema, upsertShippingRateInputSchema } from "@niaga/contracts";
import { upsertShippingRate } from "@niaga/core/shipping/rate-table.service";
import { actorOf } from "../../../actor.ts";
import { adminProcedure } from "../../../trpc.ts";

export const upsertShippingRateProcedure = adminProcedure
  .input(upsertShippingRateInputSchema)
  .output(shippingRateSchema)
  .mutation(({ ctx, input }) => upsertShippingRate(ctx.db, actorOf(ctx), input));
