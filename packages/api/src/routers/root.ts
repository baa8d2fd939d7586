import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { router } from "../trpc.ts";
import { adminRouter } from "./admin/router.ts";
import { customerRouter } from "./customer/router.ts";
import { managerRouter } from "./manager/router.ts";
import { publicRouter } from "./public/router.ts";
import { sellerRouter } from "./seller/router.ts";

/** One router per audience, composed; the client package imports only its type. */
export const appRouter = router({
  public: publicRouter,
  customer: customerRouter,
  seller: sellerRouter,
  manager: managerRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
