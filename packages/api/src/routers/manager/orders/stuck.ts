import { listStuckOrdersInputSchema, listStuckOrdersOutputSchema } from "@niaga/contracts";
import { listStuckOrders } from "@niaga/core/orders/orders.read";
import { managerProcedure } from "../../../trpc.ts";

export const listStuckOrdersProcedure = managerProcedure
  .input(listStuckOrdersInputSchema)
  .output(listStuckOrdersOutputSchema)
  .query(({ ctx, input }) =>
    listStuckOrders(ctx.db, { ...input, olderThanDays: input.olderThanDays ?? ctx.config.ORDER_STUCK_DAYS }),
  );
