import { recordDeliveredOrderLine, recordOrderLine } from "@niaga/core/orders/order-lines";
import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertProduct, insertStore, ratingColumns } from "../../../packages/core/test/support/review-fixtures.ts";
import { codeOf } from "./support/errors.ts";
import type { TestApi } from "./support/harness.ts";
import { startTestApi } from "./support/harness.ts";

// A valid 1×1 PNG.
const PNG = Uint8Array.from(
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
    "base64",
  ),
);

function imageForm(reviewId: string, bytes: Uint8Array = PNG): FormData {
  const form = new FormData();
  form.append("reviewId", reviewId);
  form.append("file", new File([bytes as Uint8Array<ArrayBuffer>], "photo.png", { type: "image/png" }));
  return form;
}

async function fieldErrorsOf(promise: Promise<unknown>): Promise<Record<string, string[]> | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    if (error instanceof TRPCClientError)
      return (error.data as { fieldErrors?: Record<string, string[]> }).fieldErrors ?? null;
    throw error;
  }
}

let api: TestApi;
let seller: { id: string; token: string };
let store: { id: string; slug: string };
let product: { id: string; slug: string; variantId: string };

/** A signed-in customer with a delivered line of the shared product. */
async function buyer() {
  const account = await api.userWithRole("customer");
  const line = await recordDeliveredOrderLine(api.database.db, {
    customerId: account.id,
    variantId: product.variantId,
  });
  return { ...account, client: api.client(account.token), lineId: line.id };
}

beforeAll(async () => {
  api = await startTestApi();
  seller = await api.userWithRole("seller");
  store = await insertStore(api.database.db, { ownerId: seller.id });
  product = await insertProduct(api.database.db, { storeId: store.id });
});
afterAll(() => api.stop());

describe("a review's life over HTTP", () => {
  it("create → image → edit → public list → seller reply → manager hide and unhide", async () => {
    const customer = await buyer();
    const created = await customer.client.customer.reviews.create.mutate({
      orderLineId: customer.lineId,
      rating: 2,
      comment: "  Kemasan penyok  ",
    });
    expect(created).toMatchObject({ rating: 2, comment: "Kemasan penyok", product: { id: product.id }, hidden: false });

    const withImage = await customer.client.customer.reviews.uploadImage.mutate(imageForm(created.id));
    expect(withImage.images).toHaveLength(1);
    const image = await fetch(withImage.images[0] ?? "");
    expect(image.status).toBe(200);

    const edited = await customer.client.customer.reviews.update.mutate({ id: created.id, data: { rating: 4 } });
    expect(edited.editedAt).toBeInstanceOf(Date);
    expect((await ratingColumns(api.database.db, { productId: product.id, storeId: store.id })).product).toMatchObject({
      histogram: [0, 0, 0, 1, 0],
    });

    const anonymous = api.client();
    const listed = await anonymous.public.reviews.list.query({ productSlug: product.slug, limit: 10 });
    expect(listed.items.map((item) => item.id)).toContain(created.id);
    expect(JSON.stringify(listed)).not.toContain(customer.id);

    const sellerClient = api.client(seller.token);
    const inbox = await sellerClient.seller.reviews.list.query({ limit: 10, replied: false });
    expect(inbox.items.map((item) => item.id)).toContain(created.id);
    const replied = await sellerClient.seller.reviews.reply.mutate({ id: created.id, text: "Maaf, kami ganti ya" });
    expect(replied.reply?.text).toBe("Maaf, kami ganti ya");
    expect(await codeOf(sellerClient.seller.reviews.reply.mutate({ id: created.id, text: "Lagi" }))).toBe("CONFLICT");
    const publicView = await anonymous.public.reviews.list.query({ productId: product.id, limit: 10 });
    expect(publicView.items.find((item) => item.id === created.id)?.reply?.text).toBe("Maaf, kami ganti ya");

    const manager = api.client((await api.userWithRole("manager")).token);
    const hidden = await manager.manager.reviews.hide.mutate({ id: created.id, reason: "Contains a phone number" });
    expect(hidden).toMatchObject({ hidden: true, hiddenReason: "Contains a phone number" });
    const afterHide = await anonymous.public.reviews.list.query({ productId: product.id, limit: 10 });
    expect(afterHide.items.map((item) => item.id)).not.toContain(created.id);
    const mine = await customer.client.customer.reviews.listMine.query({ limit: 10 });
    expect(mine.items[0]).toMatchObject({ id: created.id, hidden: true });
    await manager.manager.reviews.unhide.mutate({ id: created.id });

    const admin = api.client((await api.userWithRole("admin")).token);
    const audit = await admin.admin.audit.list.query({ targetType: "review", targetId: created.id });
    expect(audit.map((entry) => entry.action)).toEqual(["review.unhidden", "review.hidden"]);
  });
});

describe("review rules over HTTP", () => {
  it("answers NOT_FOUND for another customer's line, CONFLICT for a second review, and a field error when undelivered", async () => {
    const owner = await buyer();
    const other = await buyer();
    expect(await codeOf(other.client.customer.reviews.create.mutate({ orderLineId: owner.lineId, rating: 5 }))).toBe(
      "NOT_FOUND",
    );
    await owner.client.customer.reviews.create.mutate({ orderLineId: owner.lineId, rating: 5 });
    expect(await codeOf(owner.client.customer.reviews.create.mutate({ orderLineId: owner.lineId, rating: 4 }))).toBe(
      "CONFLICT",
    );
    const shipped = await recordOrderLine(api.database.db, {
      customerId: other.id,
      variantId: product.variantId,
      status: "shipped",
    });
    const early = other.client.customer.reviews.create.mutate({ orderLineId: shipped.id, rating: 5 });
    expect(await fieldErrorsOf(early)).toEqual({ orderLineId: ["This item has not been delivered yet"] });
  });

  it("validates ratings, comments and uploads with field-level errors", async () => {
    const customer = await buyer();
    for (const rating of [0, 6, 2.5]) {
      const result = customer.client.customer.reviews.create.mutate({ orderLineId: customer.lineId, rating });
      expect(Object.keys((await fieldErrorsOf(result)) ?? {})).toEqual(["rating"]);
    }
    const long = customer.client.customer.reviews.create.mutate({
      orderLineId: customer.lineId,
      rating: 5,
      comment: "x".repeat(2001),
    });
    expect(Object.keys((await fieldErrorsOf(long)) ?? {})).toEqual(["comment"]);
    const review = await customer.client.customer.reviews.create.mutate({ orderLineId: customer.lineId, rating: 5 });
    const notImage = customer.client.customer.reviews.uploadImage.mutate(
      imageForm(review.id, new TextEncoder().encode("<script>alert(1)</script>")),
    );
    expect(await codeOf(notImage)).toBe("UNSUPPORTED_MEDIA_TYPE");
    const stranger = await buyer();
    expect(await codeOf(stranger.client.customer.reviews.uploadImage.mutate(imageForm(review.id)))).toBe("NOT_FOUND");
    expect(await codeOf(stranger.client.customer.reviews.update.mutate({ id: review.id, data: { rating: 1 } }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(customer.client.customer.reviews.update.mutate({ id: review.id, data: {} }))).toBe(
      "BAD_REQUEST",
    );
  });

  it("closes editing after the configured window", async () => {
    const customer = await buyer();
    const review = await customer.client.customer.reviews.create.mutate({ orderLineId: customer.lineId, rating: 3 });
    const days = api.config.REVIEW_EDIT_WINDOW_DAYS;
    expect(review.editableUntil.getTime() - review.createdAt.getTime()).toBe(days * 86_400_000);
    await api.database.db
      .updateTable("reviews")
      .set({ created_at: new Date(Date.now() - (days + 1) * 86_400_000) })
      .where("id", "=", review.id)
      .execute();
    expect(await codeOf(customer.client.customer.reviews.update.mutate({ id: review.id, data: { rating: 5 } }))).toBe(
      "FORBIDDEN",
    );
  });

  it("keeps sellers to their own store's reviews", async () => {
    const customer = await buyer();
    const review = await customer.client.customer.reviews.create.mutate({ orderLineId: customer.lineId, rating: 1 });
    const rival = await api.userWithRole("seller");
    await insertStore(api.database.db, { ownerId: rival.id });
    const rivalClient = api.client(rival.token);
    expect(await codeOf(rivalClient.seller.reviews.reply.mutate({ id: review.id, text: "Ha" }))).toBe("NOT_FOUND");
    const rivalInbox = await rivalClient.seller.reviews.list.query({ limit: 50 });
    expect(rivalInbox.items).toEqual([]);
  });

  it("answers NOT_FOUND for reviews of products the public cannot see", async () => {
    const hidden = await insertProduct(api.database.db, { storeId: store.id, hidden: true });
    expect(await codeOf(api.client().public.reviews.list.query({ productId: hidden.id, limit: 5 }))).toBe("NOT_FOUND");
    expect(await codeOf(api.client().public.reviews.list.query({ limit: 5 }))).toBe("BAD_REQUEST");
  });
});

describe("review procedures by role", () => {
  const cases = [
    ["anonymous", "UNAUTHORIZED"],
    ["manager", "FORBIDDEN"],
    ["admin", "FORBIDDEN"],
  ] as const;
  for (const [role, code] of cases) {
    it(`refuses create to ${role}`, async () => {
      const token = role === "anonymous" ? undefined : (await api.userWithRole(role)).token;
      const client = api.client(token);
      expect(await codeOf(client.customer.reviews.create.mutate({ orderLineId: "x", rating: 5 }))).toBe(code);
    });
  }

  it("lets a seller review what they bought elsewhere, but not hide reviews", async () => {
    const shopper = await api.userWithRole("seller");
    const line = await recordDeliveredOrderLine(api.database.db, {
      customerId: shopper.id,
      variantId: product.variantId,
    });
    const client = api.client(shopper.token);
    const review = await client.customer.reviews.create.mutate({ orderLineId: line.id, rating: 5 });
    expect(review.rating).toBe(5);
    expect(await codeOf(client.manager.reviews.hide.mutate({ id: review.id, reason: "Mine" }))).toBe("FORBIDDEN");
    const customer = api.client((await api.userWithRole("customer")).token);
    expect(await codeOf(customer.seller.reviews.reply.mutate({ id: review.id, text: "Hi" }))).toBe("FORBIDDEN");
  });
});
