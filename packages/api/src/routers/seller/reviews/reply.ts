import { replyToReviewInputSchema, sellerReviewSchema } from "@niaga/contracts";
import { replyToReview } from "@niaga/core/reviews/reviews.moderation";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const replyToReviewProcedure = sellerProcedure
  .input(replyToReviewInputSchema)
  .output(sellerReviewSchema)
  .mutation(({ ctx, input }) => replyToReview(ctx.db, actorOf(ctx), input));
