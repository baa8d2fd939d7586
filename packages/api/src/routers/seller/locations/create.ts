import { createLocationInputSchema, stockLocationSchema } from "@niaga/contracts";
import { createLocation } from "@niaga/core/stores/locations.service";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const createLocationProcedure = sellerProcedure
  .input(createLocationInputSchema)
  .output(stockLocationSchema)
  .mutation(({ ctx, input }) => createLocation(ctx.db, actorOf(ctx), input));
