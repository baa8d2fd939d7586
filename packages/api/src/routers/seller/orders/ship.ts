import { shipOrderInputSchema, storeOrderSchema } from "@niaga/contracts";
import { shipOrder } from "@niaga/core/orders/orders.service";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const shipOrderProcedure = sellerProcedure
  .input(shipOrderInputSchema)
  .output(storeOrderSchema)
  .mutation(({ ctx, input }) => shipOrder(ctx.db, actorOf(ctx), input));
