import { listSellerProductsInputSchema, listSellerProductsOutputSchema } from "@niaga/contracts";
import { listSellerProducts } from "@niaga/core/catalog/products.read";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const listSellerProductsProcedure = sellerProcedure
  .input(listSellerProductsInputSchema)
  .output(listSellerProductsOutputSchema)
  .query(({ ctx, input }) => listSellerProducts(ctx.db, actorOf(ctx), input));
