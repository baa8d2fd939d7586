import { followStateSchema, followStoreInputSchema } from "@niaga/contracts";
import { unfollowStore } from "@niaga/core/follows/follows.service";
import { actorOf } from "../../../actor.ts";
import { customerProcedure } from "../../../trpc.ts";

export const unfollowStoreProcedure = customerProcedure
  .input(followStoreInputSchema)
  .output(followStateSchema)
  .mutation(({ ctx, input }) => unfollowStore(ctx.db, actorOf(ctx), input));
