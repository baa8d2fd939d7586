import { router } from "../../trpc.ts";
import { createBankAccountProcedure } from "./bank-accounts/create.ts";
import { deleteBankAccountProcedure } from "./bank-accounts/delete.ts";
import { listBankAccountsProcedure } from "./bank-accounts/list.ts";
import { getStoreComplaintProcedure } from "./complaints/get.ts";
import { listStoreComplaintsProcedure } from "./complaints/list.ts";
import { markComplaintReturnedProcedure } from "./complaints/mark-returned.ts";
import { respondToComplaintProcedure } from "./complaints/respond.ts";
import { createSellerCouponProcedure } from "./coupons/create.ts";
import { deactivateSellerCouponProcedure } from "./coupons/deactivate.ts";
import { getSellerCouponProcedure } from "./coupons/get.ts";
import { listSellerCouponsProcedure } from "./coupons/list.ts";
import { sellerCouponReportProcedure } from "./coupons/report.ts";
import { sellerBalancesProcedure } from "./finance/balances.ts";
import { sellerEarningsProcedure } from "./finance/earnings.ts";
import { sellerStatementProcedure } from "./finance/statement.ts";
import { adjustInventoryProcedure } from "./inventory/adjust.ts";
import { listJournalProcedure } from "./inventory/journal.ts";
import { listInventoryProcedure } from "./inventory/list.ts";
import { liveStoreOrdersProcedure } from "./live/orders.ts";
import { createLocationProcedure } from "./locations/create.ts";
import { listLocationsProcedure } from "./locations/list.ts";
import { setDefaultLocationProcedure } from "./locations/set-default.ts";
import { updateLocationProcedure } from "./locations/update.ts";
import { acceptOrderProcedure } from "./orders/accept.ts";
import { getStoreOrderProcedure } from "./orders/get.ts";
import { listStoreOrdersProcedure } from "./orders/list.ts";
import { markOrderDeliveredProcedure } from "./orders/mark-delivered.ts";
import { shipOrderProcedure } from "./orders/ship.ts";
import { addVariantProcedure } from "./products/add-variant.ts";
import { archiveProductProcedure } from "./products/archive.ts";
import { archiveVariantProcedure } from "./products/archive-variant.ts";
import { bulkUpdatePricesProcedure } from "./products/bulk-update-prices.ts";
import { bulkUpdateStockProcedure } from "./products/bulk-update-stock.ts";
import { createProductProcedure } from "./products/create.ts";
import { deleteProductProcedure } from "./products/delete.ts";
import { deleteImageProcedure } from "./products/delete-image.ts";
import { getSellerProductProcedure } from "./products/get.ts";
import { listSellerProductsProcedure } from "./products/list.ts";
import { reorderImagesProcedure } from "./products/reorder-images.ts";
import { updateProductProcedure } from "./products/update.ts";
import { updateVariantProcedure } from "./products/update-variant.ts";
import { uploadImageProcedure } from "./products/upload-image.ts";
import { listStoreReviewsProcedure } from "./reviews/list.ts";
import { replyToReviewProcedure } from "./reviews/reply.ts";
import { createStoreProcedure } from "./store/create.ts";
import { getMyStoreProcedure } from "./store/get.ts";
import { updateStoreProcedure } from "./store/update.ts";
import { uploadBannerProcedure, uploadLogoProcedure } from "./store/upload-images.ts";
import { listMyWithdrawalsProcedure } from "./withdrawals/list.ts";
import { requestWithdrawalProcedure } from "./withdrawals/request.ts";

/** Store management: the seller's store, stock locations, products and inventory. */
export const sellerRouter = router({
  live: router({ orders: liveStoreOrdersProcedure }),
  finance: router({
    balances: sellerBalancesProcedure,
    statement: sellerStatementProcedure,
    earnings: sellerEarningsProcedure,
  }),
  bankAccounts: router({
    list: listBankAccountsProcedure,
    create: createBankAccountProcedure,
    delete: deleteBankAccountProcedure,
  }),
  withdrawals: router({ request: requestWithdrawalProcedure, list: listMyWithdrawalsProcedure }),
  store: router({
    get: getMyStoreProcedure,
    create: createStoreProcedure,
    update: updateStoreProcedure,
    uploadLogo: uploadLogoProcedure,
    uploadBanner: uploadBannerProcedure,
  }),
  locations: router({
    list: listLocationsProcedure,
    create: createLocationProcedure,
    update: updateLocationProcedure,
    setDefault: setDefaultLocationProcedure,
  }),
  products: router({
    list: listSellerProductsProcedure,
    get: getSellerProductProcedure,
    create: createProductProcedure,
    update: updateProductProcedure,
    archive: archiveProductProcedure,
    delete: deleteProductProcedure,
    uploadImage: uploadImageProcedure,
    reorderImages: reorderImagesProcedure,
    deleteImage: deleteImageProcedure,
    addVariant: addVariantProcedure,
    updateVariant: updateVariantProcedure,
    archiveVariant: archiveVariantProcedure,
    bulkUpdatePrices: bulkUpdatePricesProcedure,
    bulkUpdateStock: bulkUpdateStockProcedure,
  }),
  inventory: router({
    adjust: adjustInventoryProcedure,
    list: listInventoryProcedure,
    journal: listJournalProcedure,
  }),
  reviews: router({ list: listStoreReviewsProcedure, reply: replyToReviewProcedure }),
  orders: router({
    list: listStoreOrdersProcedure,
    get: getStoreOrderProcedure,
    accept: acceptOrderProcedure,
    ship: shipOrderProcedure,
    markDelivered: markOrderDeliveredProcedure,
  }),
  complaints: router({
    list: listStoreComplaintsProcedure,
    get: getStoreComplaintProcedure,
    respond: respondToComplaintProcedure,
    markReturned: markComplaintReturnedProcedure,
  }),
  coupons: router({
    create: createSellerCouponProcedure,
    list: listSellerCouponsProcedure,
    get: getSellerCouponProcedure,
    deactivate: deactivateSellerCouponProcedure,
    report: sellerCouponReportProcedure,
  }),
});
