import { router } from "../../trpc.ts";
import { createAddressProcedure } from "./addresses/create.ts";
import { deleteAddressProcedure } from "./addresses/delete.ts";
import { listAddressesProcedure } from "./addresses/list.ts";
import { setDefaultAddressProcedure } from "./addresses/set-default.ts";
import { updateAddressProcedure } from "./addresses/update.ts";
import { addToCartProcedure } from "./cart/add.ts";
import { clearCartProcedure } from "./cart/clear.ts";
import { confirmCartPricesProcedure } from "./cart/confirm-prices.ts";
import { getCartProcedure } from "./cart/get.ts";
import { mergeGuestCartProcedure } from "./cart/merge-guest.ts";
import { removeFromCartProcedure } from "./cart/remove.ts";
import { setCartQuantityProcedure } from "./cart/set-quantity.ts";
import { getCheckoutProcedure } from "./checkout/get.ts";
import { placeCheckoutProcedure } from "./checkout/place.ts";
import { coinBalanceProcedure } from "./coins/balance.ts";
import { claimDailyCoinsProcedure } from "./coins/claim-daily.ts";
import { coinHistoryProcedure } from "./coins/history.ts";
import { escalateComplaintProcedure } from "./complaints/escalate.ts";
import { getMyComplaintProcedure } from "./complaints/get.ts";
import { listMyComplaintsProcedure } from "./complaints/list.ts";
import { openComplaintProcedure } from "./complaints/open.ts";
import { uploadComplaintImageProcedure } from "./complaints/upload-image.ts";
import { followingFeedProcedure } from "./follows/feed.ts";
import { followStoreProcedure } from "./follows/follow.ts";
import { listFollowedStoresProcedure } from "./follows/list.ts";
import { unfollowStoreProcedure } from "./follows/unfollow.ts";
import { liveNotificationsProcedure } from "./live/notifications.ts";
import { liveOrderProcedure } from "./live/order.ts";
import { getMeProcedure } from "./me/get.ts";
import { updateMeProcedure } from "./me/update.ts";
import { uploadAvatarProcedure } from "./me/upload-avatar.ts";
import { listNotificationsProcedure } from "./notifications/list.ts";
import { markAllNotificationsReadProcedure } from "./notifications/mark-all-read.ts";
import { markNotificationReadProcedure } from "./notifications/mark-read.ts";
import { getDigestPreferenceProcedure } from "./notifications/preferences-digest-get.ts";
import { updateDigestPreferenceProcedure } from "./notifications/preferences-digest-update.ts";
import { getNotificationPreferencesProcedure } from "./notifications/preferences-get.ts";
import { updateNotificationPreferencesProcedure } from "./notifications/preferences-update.ts";
import { unreadNotificationCountProcedure } from "./notifications/unread-count.ts";
import { cancelMyOrderProcedure } from "./orders/cancel.ts";
import { confirmReceiptProcedure } from "./orders/confirm-receipt.ts";
import { getMyOrderProcedure } from "./orders/get.ts";
import { listMyOrdersProcedure } from "./orders/list.ts";
import { getPaymentProcedure } from "./payments/get.ts";
import { startCheckoutPaymentProcedure } from "./payments/start.ts";
import { topUpWalletProcedure } from "./payments/top-up-wallet.ts";
import { createReviewProcedure } from "./reviews/create.ts";
import { listMyReviewsProcedure } from "./reviews/list-mine.ts";
import { updateReviewProcedure } from "./reviews/update.ts";
import { uploadReviewImageProcedure } from "./reviews/upload-image.ts";
import { listMySessionsProcedure } from "./sessions/list.ts";
import { revokeMySessionProcedure } from "./sessions/revoke.ts";
import { quoteShippingProcedure } from "./shipping/quote.ts";
import { walletBalanceProcedure } from "./wallet/balance.ts";
import { walletHistoryProcedure } from "./wallet/history.ts";

// "My account" procedures are open to every signed-in account (staff have profiles too);
// shopping procedures added later use customerProcedure.
export const customerRouter = router({
  notifications: router({
    list: listNotificationsProcedure,
    unreadCount: unreadNotificationCountProcedure,
    markRead: markNotificationReadProcedure,
    markAllRead: markAllNotificationsReadProcedure,
    preferences: router({
      get: getNotificationPreferencesProcedure,
      update: updateNotificationPreferencesProcedure,
      digest: router({ get: getDigestPreferenceProcedure, update: updateDigestPreferenceProcedure }),
    }),
  }),
  live: router({ notifications: liveNotificationsProcedure, order: liveOrderProcedure }),
  wallet: router({ balance: walletBalanceProcedure, history: walletHistoryProcedure, topUp: topUpWalletProcedure }),
  payments: router({ start: startCheckoutPaymentProcedure, get: getPaymentProcedure }),
  me: router({ get: getMeProcedure, update: updateMeProcedure, uploadAvatar: uploadAvatarProcedure }),
  orders: router({
    list: listMyOrdersProcedure,
    get: getMyOrderProcedure,
    cancel: cancelMyOrderProcedure,
    confirmReceipt: confirmReceiptProcedure,
  }),
  sessions: router({ list: listMySessionsProcedure, revoke: revokeMySessionProcedure }),
  reviews: router({
    create: createReviewProcedure,
    update: updateReviewProcedure,
    uploadImage: uploadReviewImageProcedure,
    listMine: listMyReviewsProcedure,
  }),
  follows: router({
    follow: followStoreProcedure,
    unfollow: unfollowStoreProcedure,
    list: listFollowedStoresProcedure,
    feed: followingFeedProcedure,
  }),
  addresses: router({
    list: listAddressesProcedure,
    create: createAddressProcedure,
    update: updateAddressProcedure,
    delete: deleteAddressProcedure,
    setDefault: setDefaultAddressProcedure,
  }),
  shipping: router({ quote: quoteShippingProcedure }),
  cart: router({
    get: getCartProcedure,
    add: addToCartProcedure,
    setQuantity: setCartQuantityProcedure,
    remove: removeFromCartProcedure,
    clear: clearCartProcedure,
    confirmPrices: confirmCartPricesProcedure,
    mergeGuest: mergeGuestCartProcedure,
  }),
  checkout: router({ place: placeCheckoutProcedure, get: getCheckoutProcedure }),
  complaints: router({
    open: openComplaintProcedure,
    list: listMyComplaintsProcedure,
    get: getMyComplaintProcedure,
    escalate: escalateComplaintProcedure,
    uploadImage: uploadComplaintImageProcedure,
  }),
  coins: router({ claimDaily: claimDailyCoinsProcedure, balance: coinBalanceProcedure, history: coinHistoryProcedure }),
});
