import { productIdInputSchema, sellerProductSchema } from "@niaga/contracts";
import { archiveProduct } from "@niaga/core/catalog/products.service";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const archiveProductProcedure = sellerProcedure
  .input(productIdInputSchema)
  .output(sellerProductSchema)
  .mutation(({ ctx, input }) => archiveProduct(ctx.db, actorOf(ctx), input));
