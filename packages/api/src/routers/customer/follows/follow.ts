import { followStateSchema, followStoreInputSchema } from "@niaga/contracts";
import { followStore } from "@niaga/core/follows/follows.service";
import { actorOf } from "../../../actor.ts";
import { customerProcedure } from "../../../trpc.ts";

export const followStoreProcedure = customerProcedure
  .input(followStoreInputSchema)
  .output(followStateSchema)
  .mutation(({ ctx, input }) => followStore(ctx.db, actorOf(ctx), input));
