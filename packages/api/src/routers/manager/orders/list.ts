import { listAllOrdersInputSchema, listAllOrdersOutputSchema } from "@niaga/contracts";
import { listAllOrders } from "@niaga/core/orders/orders.read";
import { managerProcedure } from "../../../trpc.ts";

export const listAllOrdersProcedure = managerProcedure
  .input(listAllOrdersInputSchema)
  .output(listAllOrdersOutputSchema)
  .query(({ ctx, input }) => listAllOrders(ctx.db, input));
