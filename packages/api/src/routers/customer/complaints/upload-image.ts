import { complaintDetailSchema, entityIdSchema } from "@niaga/contracts";
import { uploadComplaintImage } from "@niaga/core/complaints/complaints.images";
import { z } from "zod";
import { actorOf } from "../../../actor.ts";
import { customerProcedure } from "../../../trpc.ts";

/** multipart/form-data: `complaintId` and `file` (the photo); the client sends it through a non-batched link. */
const complaintImageFormSchema = z
  .instanceof(FormData, { message: "Send the image as multipart form data" })
  .transform((form) => ({ complaintId: form.get("complaintId"), file: form.get("file") }))
  .pipe(
    z.object({
      complaintId: entityIdSchema,
      file: z.instanceof(File, { message: "Attach the image as the `file` field" }),
    }),
  );

export const uploadComplaintImageProcedure = customerProcedure
  .input(complaintImageFormSchema)
  .output(complaintDetailSchema)
  .mutation(async ({ ctx, input }) =>
    uploadComplaintImage(ctx.db, ctx.storage, actorOf(ctx), {
      complaintId: input.complaintId,
      bytes: new Uint8Array(await input.file.arrayBuffer()),
      maxBytes: ctx.config.UPLOAD_MAX_BYTES,
    }),
  );
