import { sellerStoreSchema } from "@niaga/contracts";
import { setStoreImage } from "@niaga/core/stores/stores.service";
import { z } from "zod";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

/** multipart/form-data with one `file` field; the client sends it through a non-batched link. */
const imageFormSchema = z
  .instanceof(FormData, { message: "Send the image as multipart form data" })
  .transform((form) => form.get("file"))
  .pipe(z.instanceof(File, { message: "Attach the image as the `file` field" }));

function storeImageProcedure(kind: "logo" | "banner") {
  return sellerProcedure
    .input(imageFormSchema)
    .output(sellerStoreSchema)
    .mutation(async ({ ctx, input }) =>
      setStoreImage(ctx.db, ctx.storage, actorOf(ctx), {
        kind,
        bytes: new Uint8Array(await input.arrayBuffer()),
        maxBytes: ctx.config.UPLOAD_MAX_BYTES,
      }),
    );
}

export const uploadLogoProcedure = storeImageProcedure("logo");
export const uploadBannerProcedure = storeImageProcedure("banner");
