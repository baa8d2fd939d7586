import { productImagesOutputSchema, reorderImagesInputSchema } from "@niaga/contracts";
import { reorderProductImages } from "@niaga/core/catalog/images.service";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const reorderImagesProcedure = sellerProcedure
  .input(reorderImagesInputSchema)
  .output(productImagesOutputSchema)
  .mutation(({ ctx, input }) => reorderProductImages(ctx.db, actorOf(ctx), input));
