import { locationIdInputSchema, stockLocationSchema } from "@niaga/contracts";
import { setDefaultLocation } from "@niaga/core/stores/locations.service";
import { z } from "zod";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const setDefaultLocationProcedure = sellerProcedure
  .input(locationIdInputSchema)
  .output(z.array(stockLocationSchema))
  .mutation(({ ctx, input }) => setDefaultLocation(ctx.db, actorOf(ctx), input));
