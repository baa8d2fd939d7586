import { stockLocationSchema, updateLocationInputSchema } from "@niaga/contracts";
import { updateLocation } from "@niaga/core/stores/locations.service";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const updateLocationProcedure = sellerProcedure
  .input(updateLocationInputSchema)
  .output(stockLocationSchema)
  .mutation(({ ctx, input }) => updateLocation(ctx.db, actorOf(ctx), input));
