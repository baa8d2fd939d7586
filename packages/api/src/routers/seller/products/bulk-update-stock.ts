import { bulkUpdateResultSchema, bulkUpdateStockInputSchema } from "@niaga/contracts";
import { bulkUpdateStock } from "@niaga/core/inventory/inventory.service";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const bulkUpdateStockProcedure = sellerProcedure
  .input(bulkUpdateStockInputSchema)
  .output(bulkUpdateResultSchema)
  .mutation(({ ctx, input }) => bulkUpdateStock(ctx.db, actorOf(ctx), input));
