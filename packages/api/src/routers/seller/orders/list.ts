import { listStoreOrdersInputSchema, listStoreOrdersOutputSchema } from "@niaga/contracts";
import { listStoreOrders } from "@niaga/core/orders/orders.read";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const listStoreOrdersProcedure = sellerProcedure
  .input(listStoreOrdersInputSchema)
  .output(listStoreOrdersOutputSchema)
  .query(({ ctx, input }) => listStoreOrders(ctx.db, actorOf(ctx), input));
