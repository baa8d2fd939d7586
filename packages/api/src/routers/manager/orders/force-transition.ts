import { forceOrderTransitionInputSchema, staffOrderSchema } from "@niaga/contracts";
import { forceOrderTransition } from "@niaga/core/orders/orders.service";
import { gatewaysOf } from "@niaga/core/refunds/refund-gateway";
import { actorOf } from "../../../actor.ts";
import { managerProcedure } from "../../../trpc.ts";

export const forceOrderTransitionProcedure = managerProcedure
  .input(forceOrderTransitionInputSchema)
  .output(staffOrderSchema)
  .mutation(({ ctx, input }) =>
    forceOrderTransition(ctx.db, actorOf(ctx), input, { refunds: gatewaysOf(ctx.payments) }),
  );
