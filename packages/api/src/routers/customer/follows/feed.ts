import { followingFeedInputSchema, followingFeedOutputSchema } from "@niaga/contracts";
import { followingFeed } from "@niaga/core/follows/follows.read";
import { actorOf } from "../../../actor.ts";
import { customerProcedure } from "../../../trpc.ts";

export const followingFeedProcedure = customerProcedure
  .input(followingFeedInputSchema)
  .output(followingFeedOutputSchema)
  .query(({ ctx, input }) => followingFeed(ctx.db, actorOf(ctx), input));
