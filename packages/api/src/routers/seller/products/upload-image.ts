import { entityIdSchema, productImagesOutputSchema } from "@niaga/contracts";
import { uploadProductImage } from "@niaga/core/catalog/images.service";
import { z } from "zod";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

/** multipart/form-data: `productId`, `file` (the image) and an optional `alt` text. */
const productImageFormSchema = z
  .instanceof(FormData, { message: "Send the image as multipart form data" })
  .transform((form) => ({ productId: form.get("productId"), file: form.get("file"), alt: form.get("alt") ?? "" }))
  .pipe(
    z.object({
      productId: entityIdSchema,
      file: z.instanceof(File, { message: "Attach the image as the `file` field" }),
      alt: z.string().trim().max(200, "Alt text is at most 200 characters"),
    }),
  );

export const uploadImageProcedure = sellerProcedure
  .input(productImageFormSchema)
  .output(productImagesOutputSchema)
  .mutation(async ({ ctx, input }) =>
    uploadProductImage(ctx.db, ctx.storage, actorOf(ctx), {
      productId: input.productId,
      bytes: new Uint8Array(await input.file.arrayBuffer()),
      alt: input.alt,
      maxBytes: ctx.config.UPLOAD_MAX_BYTES,
    }),
  );
