import { listSellerReviewsInputSchema, listSellerReviewsOutputSchema } from "@niaga/contracts";
import { listStoreReviews } from "@niaga/core/reviews/reviews.read";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const listStoreReviewsProcedure = sellerProcedure
  .input(listSellerReviewsInputSchema)
  .output(listSellerReviewsOutputSchema)
  .query(({ ctx, input }) => listStoreReviews(ctx.db, actorOf(ctx), input));
