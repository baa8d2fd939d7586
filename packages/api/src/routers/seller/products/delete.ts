import { deleteProductOutputSchema, productIdInputSchema } from "@niaga/contracts";
import { deleteProduct } from "@niaga/core/catalog/products.service";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const deleteProductProcedure = sellerProcedure
  .input(productIdInputSchema)
  .output(deleteProductOutputSchema)
  .mutation(({ ctx, input }) => deleteProduct(ctx.db, ctx.storage, actorOf(ctx), input));
