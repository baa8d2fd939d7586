import { createReviewInputSchema, myReviewSchema } from "@niaga/contracts";
import { createReview } from "@niaga/core/reviews/reviews.service";
import { actorOf } from "../../../actor.ts";
import { customerProcedure } from "../../../trpc.ts";

export const createReviewProcedure = customerProcedure
  .input(createReviewInputSchema)
  .output(myReviewSchema)
  .mutation(({ ctx, input }) =>
    createReview(ctx.db, actorOf(ctx), { ...input, editWindowDays: ctx.config.REVIEW_EDIT_WINDOW_DAYS }),
  );
