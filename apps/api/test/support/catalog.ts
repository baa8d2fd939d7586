import type { TestApi } from "./harness.ts";

// A valid 1×1 PNG.
export const PNG = Uint8Array.from(
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
    "base64",
  ),
);

export function imageForm(bytes: Uint8Array, fields: Record<string, string> = {}, type = "image/png"): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append("file", new File([bytes as Uint8Array<ArrayBuffer>], "image.png", { type }));
  return form;
}

let counter = 0;
export const uniqueSlug = (prefix: string) =>
  `${prefix}-${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 7)}`;

export const ADDRESS = { line: "Jl. Braga 10", city: "Bandung", postalCode: "40111", region: "Jawa Barat" };

/** A signed-in seller with a store; returns the account, its client and the store. */
export async function sellerWithStore(api: TestApi) {
  const user = await api.userWithRole("seller");
  const client = api.client(user.token);
  const store = await client.seller.store.create.mutate({
    name: "Toko HTTP",
    slug: uniqueSlug("toko"),
    address: ADDRESS,
  });
  return { user, client, store };
}

/** A category made by a fresh manager. */
export async function newCategory(api: TestApi, parentId: string | null = null) {
  const manager = await api.userWithRole("manager");
  return api
    .client(manager.token)
    .manager.categories.create.mutate({ name: "Kategori", slug: uniqueSlug("kat"), parentId });
}
