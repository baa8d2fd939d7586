import { cancelMyOrderInputSchema, myOrderSchema } from "@niaga/contracts";
import { cancelMyOrder } from "@niaga/core/orders/orders.service";
import { gatewaysOf } from "@niaga/core/refunds/refund-gateway";
import { actorOf } from "../../../actor.ts";
import { customerProcedure } from "../../../trpc.ts";

export const cancelMyOrderProcedure = customerProcedure
  .input(cancelMyOrderInputSchema)
  .output(myOrderSchema)
  .mutation(({ ctx, input }) => cancelMyOrder(ctx.db, actorOf(ctx), input, { refunds: gatewaysOf(ctx.payments) }));
