import { createProductInputSchema, sellerProductSchema } from "@niaga/contracts";
import { createProduct } from "@niaga/core/catalog/products.create";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const createProductProcedure = sellerProcedure
  .input(createProductInputSchema)
  .output(sellerProductSchema)
  .mutation(({ ctx, input }) => createProduct(ctx.db, actorOf(ctx), input));
