import { router } from "../../trpc.ts";
import { followingFeedProcedure } from "./follows/feed.ts";
import { followStoreProcedure } from "./follows/follow.ts";
import { listFollowedStoresProcedure } from "./follows/list.ts";
import { unfollowStoreProcedure } from "./follows/unfollow.ts";
import { getMeProcedure } from "./me/get.ts";
import { updateMeProcedure } from "./me/update.ts";
import { uploadAvatarProcedure } from "./me/upload-avatar.ts";
import { createReviewProcedure } from "./reviews/create.ts";
import { listMyReviewsProcedure } from "./reviews/list-mine.ts";
import { updateReviewProcedure } from "./reviews/update.ts";
import { uploadReviewImageProcedure } from "./reviews/upload-image.ts";
import { listMySessionsProcedure } from "./sessions/list.ts";
import { revokeMySessionProcedure } from "./sessions/revoke.ts";

// "My account" procedures are open to every signed-in account (staff have profiles too);
// shopping procedures added later use customerProcedure.
export const customerRouter = router({
  me: router({ get: getMeProcedure, update: updateMeProcedure, uploadAvatar: uploadAvatarProcedure }),
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
});
