import { myOrderSchema, orderIdInputSchema } from "@niaga/contracts";
import { confirmReceipt } from "@niaga/core/orders/orders.service";
import { actorOf } from "../../../actor.ts";
import { customerProcedure } from "../../../trpc.ts";

export const confirmReceiptProcedure = customerProcedure
  .input(orderIdInputSchema)
  .output(myOrderSchema)
  .mutation(({ ctx, input }) => confirmReceipt(ctx.db, actorOf(ctx), input));
