import { stockLocationSchema } from "@niaga/contracts";
import { listLocations } from "@niaga/core/stores/locations.service";
import { z } from "zod";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const listLocationsProcedure = sellerProcedure
  .output(z.array(stockLocationSchema))
  .query(({ ctx }) => listLocations(ctx.db, actorOf(ctx)));
