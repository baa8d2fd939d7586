import { router } from "../../trpc.ts";

/** Platform operations procedures (managerProcedure) arrive with the catalog and orders. */
export const managerRouter = router({});
