import { myOrderSchema, orderIdInputSchema } from "@niaga/contracts";
import { getMyOrder } from "@niaga/core/orders/orders.read";
import { actorOf } from "../../../actor.ts";
import { customerProcedure } from "../../../trpc.ts";

export const getMyOrderProcedure = customerProcedure
  .input(orderIdInputSchema)
  .output(myOrderSchema)
  .query(({ ctx, input }) => getMyOrder(ctx.db, actorOf(ctx), input));
