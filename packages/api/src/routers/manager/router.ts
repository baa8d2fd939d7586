import { router } from "../../trpc.ts";
import { createCategoryProcedure } from "./categories/create.ts";
import { deleteCategoryProcedure } from "./categories/delete.ts";
import { moveCategoryProcedure } from "./categories/move.ts";
import { updateCategoryProcedure } from "./categories/update.ts";
import { decideComplaintProcedure } from "./complaints/decide.ts";
import { getAnyComplaintProcedure } from "./complaints/get.ts";
import { listAllComplaintsProcedure } from "./complaints/list.ts";
import { managerAdjustInventoryProcedure } from "./inventory/adjust.ts";
import { forceOrderTransitionProcedure } from "./orders/force-transition.ts";
import { getAnyOrderProcedure } from "./orders/get.ts";
import { listAllOrdersProcedure } from "./orders/list.ts";
import { listStuckOrdersProcedure } from "./orders/stuck.ts";
import { hideProductProcedure } from "./products/hide.ts";
import { unhideProductProcedure } from "./products/unhide.ts";
import { hideReviewProcedure } from "./reviews/hide.ts";
import { unhideReviewProcedure } from "./reviews/unhide.ts";

/** Platform operations: the category tree, listing moderation and stock corrections; all audited. */
export const managerRouter = router({
  categories: router({
    create: createCategoryProcedure,
    update: updateCategoryProcedure,
    move: moveCategoryProcedure,
    delete: deleteCategoryProcedure,
  }),
  products: router({ hide: hideProductProcedure, unhide: unhideProductProcedure }),
  inventory: router({ adjust: managerAdjustInventoryProcedure }),
  complaints: router({
    list: listAllComplaintsProcedure,
    get: getAnyComplaintProcedure,
    decide: decideComplaintProcedure,
  }),
  orders: router({
    list: listAllOrdersProcedure,
    get: getAnyOrderProcedure,
    stuck: listStuckOrdersProcedure,
    forceTransition: forceOrderTransitionProcedure,
  }),
  reviews: router({ hide: hideReviewProcedure, unhide: unhideReviewProcedure }),
});
