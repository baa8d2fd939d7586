import { orderIdInputSchema, storeOrderSchema } from "@niaga/contracts";
import { markOrderDelivered } from "@niaga/core/orders/orders.service";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const markOrderDeliveredProcedure = sellerProcedure
  .input(orderIdInputSchema)
  .output(storeOrderSchema)
  .mutation(({ ctx, input }) => markOrderDelivered(ctx.db, actorOf(ctx), input));
