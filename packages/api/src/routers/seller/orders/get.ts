import { orderIdInputSchema, storeOrderSchema } from "@niaga/contracts";
import { getStoreOrder } from "@niaga/core/orders/orders.read";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const getStoreOrderProcedure = sellerProcedure
  .input(orderIdInputSchema)
  .output(storeOrderSchema)
  .query(({ ctx, input }) => getStoreOrder(ctx.db, actorOf(ctx), input));
