import { router } from "../../trpc.ts";

/** Store management procedures (sellerProcedure) arrive with the catalog. */
export const sellerRouter = router({});
