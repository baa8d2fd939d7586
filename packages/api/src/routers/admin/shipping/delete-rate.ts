import { shippingRateIdInputSchema } from "@niaga/contracts";
import { deleteShippingRate } from "@niaga/core/shipping/rate-table.service";
import { actorOf } from "../../../actor.ts";
import { adminProcedure } from "../../../trpc.ts";

export const deleteShippingRateProcedure = adminProcedure
  .input(shippingRateIdInputSchema)
  .output(shippingRateIdInputSchema)
  .mutation(({ ctx, input }) => deleteShippingRate(ctx.db, actorOf(ctx), input));
