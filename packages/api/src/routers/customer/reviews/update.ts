import { myReviewSchema, updateReviewInputSchema } from "@niaga/contracts";
import { updateReview } from "@niaga/core/reviews/reviews.service";
import { actorOf } from "../../../actor.ts";
import { customerProcedure } from "../../../trpc.ts";

export const updateReviewProcedure = customerProcedure
  .input(updateReviewInputSchema)
  .output(myReviewSchema)
  .mutation(({ ctx, input }) =>
    updateReview(ctx.db, actorOf(ctx), { ...input, editWindowDays: ctx.config.REVIEW_EDIT_WINDOW_DAYS }),
  );
