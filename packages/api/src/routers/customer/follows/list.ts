import { listFollowedStoresInputSchema, listFollowedStoresOutputSchema } from "@niaga/contracts";
import { listFollowedStores } from "@niaga/core/follows/follows.read";
import { actorOf } from "../../../actor.ts";
import { customerProcedure } from "../../../trpc.ts";

export const listFollowedStoresProcedure = customerProcedure
  .input(listFollowedStoresInputSchema)
  .output(listFollowedStoresOutputSchema)
  .query(({ ctx, input }) => listFollowedStores(ctx.db, actorOf(ctx), input));
