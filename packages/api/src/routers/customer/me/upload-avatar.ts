import { meSchema } from "@niaga/contracts";
import { setAvatar } from "@niaga/core/users/users.service";
import { z } from "zod";
import { authedProcedure } from "../../../trpc.ts";

/** multipart/form-data with one `file` field; the client sends it through a non-batched link. */
const avatarInputSchema = z
  .instanceof(FormData, { message: "Send the avatar as multipart form data" })
  .transform((form) => form.get("file"))
  .pipe(z.instanceof(File, { message: "Attach the image as the `file` field" }));

export const uploadAvatarProcedure = authedProcedure
  .input(avatarInputSchema)
  .output(meSchema)
  .mutation(async ({ ctx, input }) =>
    setAvatar(ctx.db, ctx.storage, {
      userId: ctx.principal.userId,
      bytes: new Uint8Array(await input.arrayBuffer()),
      maxBytes: ctx.config.UPLOAD_MAX_BYTES,
    }),
  );
