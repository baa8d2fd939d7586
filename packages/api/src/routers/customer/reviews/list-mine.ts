import { listMyReviewsInputSchema, listMyReviewsOutputSchema } from "@niaga/contracts";
import { listMyReviews } from "@niaga/core/reviews/reviews.service";
import { actorOf } from "../../../actor.ts";
import { customerProcedure } from "../../../trpc.ts";

export const listMyReviewsProcedure = customerProcedure
  .input(listMyReviewsInputSchema)
  .output(listMyReviewsOutputSchema)
  .query(({ ctx, input }) =>
    listMyReviews(ctx.db, actorOf(ctx), { ...input, editWindowDays: ctx.config.REVIEW_EDIT_WINDOW_DAYS }),
  );
