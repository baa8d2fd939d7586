import { entityIdSchema, myReviewSchema } from "@niaga/contracts";
import { uploadReviewImage } from "@niaga/core/reviews/reviews.images";
import { z } from "zod";
import { actorOf } from "../../../actor.ts";
import { customerProcedure } from "../../../trpc.ts";

/** multipart/form-data: `reviewId` and `file` (the image); the client sends it through a non-batched link. */
const reviewImageFormSchema = z
  .instanceof(FormData, { message: "Send the image as multipart form data" })
  .transform((form) => ({ reviewId: form.get("reviewId"), file: form.get("file") }))
  .pipe(
    z.object({
      reviewId: entityIdSchema,
      file: z.instanceof(File, { message: "Attach the image as the `file` field" }),
    }),
  );

export const uploadReviewImageProcedure = customerProcedure
  .input(reviewImageFormSchema)
  .output(myReviewSchema)
  .mutation(async ({ ctx, input }) =>
    uploadReviewImage(ctx.db, ctx.storage, actorOf(ctx), {
      reviewId: input.reviewId,
      bytes: new Uint8Array(await input.file.arrayBuffer()),
      maxBytes: ctx.config.UPLOAD_MAX_BYTES,
      editWindowDays: ctx.config.REVIEW_EDIT_WINDOW_DAYS,
    }),
  );
