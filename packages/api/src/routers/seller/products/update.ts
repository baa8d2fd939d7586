import { sellerProductSchema, updateProductInputSchema } from "@niaga/contracts";
import { updateProduct } from "@niaga/core/catalog/products.service";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const updateProductProcedure = sellerProcedure
  .input(updateProductInputSchema)
  .output(sellerProductSchema)
  .mutation(({ ctx, input }) => updateProduct(ctx.db, actorOf(ctx), input));
