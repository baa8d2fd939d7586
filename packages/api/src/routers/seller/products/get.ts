import { productIdInputSchema, sellerProductSchema } from "@niaga/contracts";
import { getSellerProduct } from "@niaga/core/catalog/products.read";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const getSellerProductProcedure = sellerProcedure
  .input(productIdInputSchema)
  .output(sellerProductSchema)
  .query(({ ctx, input }) => getSellerProduct(ctx.db, actorOf(ctx), input));
