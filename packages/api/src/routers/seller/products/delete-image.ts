import { deleteImageInputSchema, productImagesOutputSchema } from "@niaga/contracts";
import { deleteProductImage } from "@niaga/core/catalog/images.service";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const deleteImageProcedure = sellerProcedure
  .input(deleteImageInputSchema)
  .output(productImagesOutputSchema)
  .mutation(({ ctx, input }) => deleteProductImage(ctx.db, ctx.storage, actorOf(ctx), input));
