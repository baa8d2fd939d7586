import { listPublicReviewsInputSchema, listPublicReviewsOutputSchema } from "@niaga/contracts";
import { listPublicReviews } from "@niaga/core/reviews/reviews.read";
import { publicProcedure } from "../../../trpc.ts";

export const listPublicReviewsProcedure = publicProcedure
  .input(listPublicReviewsInputSchema)
  .output(listPublicReviewsOutputSchema)
  .query(({ ctx, input }) => listPublicReviews(ctx.db, input));
