import { orderIdInputSchema, storeOrderSchema } from "@niaga/contracts";
import { acceptOrder } from "@niaga/core/orders/orders.service";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const acceptOrderProcedure = sellerProcedure
  .input(orderIdInputSchema)
  .output(storeOrderSchema)
  .mutation(({ ctx, input }) => acceptOrder(ctx.db, actorOf(ctx), input));
