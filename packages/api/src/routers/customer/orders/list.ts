import { listMyOrdersInputSchema, listMyOrdersOutputSchema } from "@niaga/contracts";
import { listMyOrders } from "@niaga/core/orders/orders.read";
import { actorOf } from "../../../actor.ts";
import { customerProcedure } from "../../../trpc.ts";

export const listMyOrdersProcedure = customerProcedure
  .input(listMyOrdersInputSchema)
  .output(listMyOrdersOutputSchema)
  .query(({ ctx, input }) => listMyOrders(ctx.db, actorOf(ctx), input));
