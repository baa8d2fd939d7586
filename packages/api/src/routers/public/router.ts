import { router } from "../../trpc.ts";
import { listCategoriesProcedure } from "./categories/list.ts";
import {
  addToGuestCartProcedure,
  createGuestCartProcedure,
  getGuestCartProcedure,
  removeFromGuestCartProcedure,
  setGuestCartQuantityProcedure,
} from "./guest-cart/procedures.ts";
import { health } from "./health.ts";
import { liveStockProcedure } from "./live/stock.ts";
import { getPublicProductProcedure } from "./products/get.ts";
import { listPublicProductsProcedure } from "./products/list.ts";
import { listPublicReviewsProcedure } from "./reviews/list.ts";
import { searchProductsProcedure } from "./search/query.ts";
import { suggestProductsProcedure } from "./search/suggest.ts";
import { getPublicStoreProcedure } from "./stores/get.ts";

export const publicRouter = router({
  live: router({ stock: liveStockProcedure }),
  health,
  stores: router({ get: getPublicStoreProcedure }),
  categories: router({ list: listCategoriesProcedure }),
  products: router({ get: getPublicProductProcedure, list: listPublicProductsProcedure }),
  reviews: router({ list: listPublicReviewsProcedure }),
  search: router({ query: searchProductsProcedure, suggest: suggestProductsProcedure }),
  guestCart: router({
    create: createGuestCartProcedure,
    get: getGuestCartProcedure,
    add: addToGuestCartProcedure,
    setQuantity: setGuestCartQuantityProcedure,
    remove: removeFromGuestCartProcedure,
  }),
});
