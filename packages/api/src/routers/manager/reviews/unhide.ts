import { moderatedReviewSchema, unhideReviewInputSchema } from "@niaga/contracts";
import { setReviewHidden } from "@niaga/core/reviews/reviews.moderation";
import { actorOf } from "../../../actor.ts";
import { managerProcedure } from "../../../trpc.ts";

export const unhideReviewProcedure = managerProcedure
  .input(unhideReviewInputSchema)
  .output(moderatedReviewSchema)
  .mutation(({ ctx, input }) =>
    setReviewHidden(ctx.db, actorOf(ctx), { id: input.id, hidden: false, reason: input.reason }),
  );
