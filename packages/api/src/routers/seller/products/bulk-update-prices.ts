import { bulkUpdatePricesInputSchema, bulkUpdateResultSchema } from "@niaga/contracts";
import { bulkUpdatePrices } from "@niaga/core/catalog/variants.service";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const bulkUpdatePricesProcedure = sellerProcedure
  .input(bulkUpdatePricesInputSchema)
  .output(bulkUpdateResultSchema)
  .mutation(({ ctx, input }) => bulkUpdatePrices(ctx.db, actorOf(ctx), input));
