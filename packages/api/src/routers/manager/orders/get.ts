import { orderIdInputSchema, staffOrderSchema } from "@niaga/contracts";
import { getAnyOrder } from "@niaga/core/orders/orders.read";
import { managerProcedure } from "../../../trpc.ts";

export const getAnyOrderProcedure = managerProcedure
  .input(orderIdInputSchema)
  .output(staffOrderSchema)
  .query(({ ctx, input }) => getAnyOrder(ctx.db, input));
