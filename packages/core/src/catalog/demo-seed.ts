import type { CreateProductInput } from "@niaga/contracts";
import { createProductInputSchema } from "@niaga/contracts";
import { labelOf } from "../categories/categories.queries.ts";
import type { Db } from "../shared/db.ts";
import { newId } from "../shared/ids.ts";
import { findStoreByOwner } from "../stores/stores.queries.ts";
import { createStore } from "../stores/stores.service.ts";
import type { Actor } from "../users/users.service.ts";
import { createProduct } from "./products.create.ts";

// Demo data only: never seed production. Prices are IDR minor units (sen, 1/100 rupiah), as ISO
// 4217 defines them: Rp 79.000 is 7_900_000.

const CATEGORIES: { slug: string; name: string; parent: string | null }[] = [
  { slug: "fashion", name: "Fashion", parent: null },
  { slug: "kaos", name: "Kaos", parent: "fashion" },
  { slug: "batik", name: "Batik", parent: "fashion" },
  { slug: "elektronik", name: "Elektronik", parent: null },
  { slug: "aksesoris-hp", name: "Aksesoris HP", parent: "elektronik" },
  { slug: "audio", name: "Audio", parent: "elektronik" },
  { slug: "rumah-tangga", name: "Rumah Tangga", parent: null },
  { slug: "makanan-minuman", name: "Makanan & Minuman", parent: null },
];

type Demo = [slug: string, title: string, category: string, rupiah: number, options: string[] | null, tags: string[]];
const PRODUCTS: Demo[] = [
  [
    "kaos-polos-cotton-combed-30s",
    "Kaos Polos Cotton Combed 30s",
    "kaos",
    45_000,
    ["S", "M", "L", "XL"],
    ["kaos", "polos"],
  ],
  ["kaos-oversize-motif-wayang", "Kaos Oversize Motif Wayang", "kaos", 89_000, ["M", "L", "XL"], ["kaos", "oversize"]],
  ["kaos-anak-dino-lucu", "Kaos Anak Dino Lucu", "kaos", 39_000, ["2T", "4T", "6T"], ["kaos", "anak"]],
  [
    "kemeja-batik-parang-lengan-panjang",
    "Kemeja Batik Parang Lengan Panjang",
    "batik",
    185_000,
    ["M", "L", "XL"],
    ["batik", "kemeja"],
  ],
  ["dress-batik-mega-mendung", "Dress Batik Mega Mendung", "batik", 215_000, ["S", "M", "L"], ["batik", "dress"]],
  ["kain-batik-tulis-solo", "Kain Batik Tulis Solo 2 Meter", "batik", 450_000, null, ["batik", "kain"]],
  [
    "casing-hp-silikon-bening",
    "Casing HP Silikon Bening Anti Crack",
    "aksesoris-hp",
    15_000,
    ["iPhone 15", "Galaxy A55", "Redmi Note 13"],
    ["casing"],
  ],
  [
    "kabel-data-usb-c-fast-charging",
    "Kabel Data USB-C Fast Charging 1 Meter",
    "aksesoris-hp",
    25_000,
    null,
    ["kabel", "usb-c"],
  ],
  [
    "powerbank-10000mah-slim",
    "Powerbank 10000mAh Slim PD 20W",
    "aksesoris-hp",
    175_000,
    ["Hitam", "Putih"],
    ["powerbank"],
  ],
  ["tempered-glass-full-cover", "Tempered Glass Full Cover 9H", "aksesoris-hp", 12_500, null, ["pelindung layar"]],
  [
    "earphone-tws-bass-mantap",
    "Earphone TWS Bluetooth 5.3 Bass Mantap",
    "audio",
    129_000,
    ["Hitam", "Putih"],
    ["tws", "earphone"],
  ],
  ["speaker-bluetooth-mini-portable", "Speaker Bluetooth Mini Portable", "audio", 99_000, null, ["speaker"]],
  ["headphone-gaming-rgb", "Headphone Gaming RGB dengan Mic", "audio", 249_000, null, ["headphone", "gaming"]],
  ["rice-cooker-mini-1-liter", "Rice Cooker Mini 1 Liter", "rumah-tangga", 219_000, null, ["dapur", "rice cooker"]],
  ["set-panci-stainless-5-pcs", "Set Panci Stainless Steel 5 Pcs", "rumah-tangga", 385_000, null, ["dapur", "panci"]],
  ["sapu-ijuk-gagang-panjang", "Sapu Ijuk Gagang Panjang", "rumah-tangga", 35_000, null, ["kebersihan"]],
  [
    "kopi-gayo-arabika-250g",
    "Kopi Gayo Arabika Biji Sangrai 250g",
    "makanan-minuman",
    95_000,
    ["Biji", "Bubuk"],
    ["kopi", "arabika"],
  ],
  ["teh-tubruk-wangi-melati", "Teh Tubruk Wangi Melati 100g", "makanan-minuman", 18_000, null, ["teh"]],
  [
    "keripik-singkong-balado",
    "Keripik Singkong Balado Pedas 200g",
    "makanan-minuman",
    22_000,
    ["Level 1", "Level 3", "Level 5"],
    ["keripik", "camilan"],
  ],
  ["sambal-bawang-botol", "Sambal Bawang Khas Jawa Timur 150ml", "makanan-minuman", 27_500, null, ["sambal"]],
];

/** Creates the category tree entries that do not exist yet (matched by slug); returns slug → id. */
async function seedCategories(db: Db): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const paths = new Map<string, string>();
  for (const [position, category] of CATEGORIES.entries()) {
    const existing = await db
      .selectFrom("categories")
      .select(["id", (eb) => eb.cast<string>("path", "text").as("path")])
      .where("slug", "=", category.slug)
      .executeTakeFirst();
    if (existing) {
      ids.set(category.slug, existing.id);
      paths.set(category.slug, existing.path);
      continue;
    }
    const id = newId();
    const parentPath = category.parent ? paths.get(category.parent) : undefined;
    const path = parentPath ? `${parentPath}.${labelOf(id)}` : labelOf(id);
    await db
      .insertInto("categories")
      .values({
        id,
        parent_id: category.parent ? (ids.get(category.parent) ?? null) : null,
        name: category.name,
        slug: category.slug,
        path,
        position,
      })
      .execute();
    ids.set(category.slug, id);
    paths.set(category.slug, path);
  }
  return ids;
}

function productInput(demo: Demo, categoryId: string, index: number): CreateProductInput {
  const [slug, title, , rupiah, options, tags] = demo;
  const price = rupiah * 100;
  // Bigger sizes of a many-size product cost Rp 5.000 more per step.
  const step = options && options.length > 3 ? 500_000 : 0;
  const variants = (options ?? [""]).map((option, position) => {
    const variantPrice = price + position * step;
    return {
      sku: `DEMO-${index + 1}-${position + 1}`,
      title: option,
      options: option ? { varian: option } : {},
      price: variantPrice,
      compareAtPrice: index % 3 === 0 ? (variantPrice * 5) / 4 : null,
      stock: [{ onHand: 5 + ((index * 7 + position * 3) % 40) }],
    };
  });
  return createProductInputSchema.parse({
    title,
    slug,
    categoryId,
    description: `${title}. Barang dikirim dari gudang kami di Bandung, dikemas rapi dan aman.`,
    tags,
    weightGrams: 200 + index * 50,
    dimensions: { lengthMm: 200, widthMm: 150, heightMm: 50 + index * 5 },
    status: "active",
    variants,
  });
}

/**
 * Seeds a small demo catalog for the demo seller: ~8 categories, a store with its default
 * location, and 20 active products with variants and stock. Idempotent: existing categories,
 * the store and products (matched by slug) are left as they are.
 */
export async function seedDemoCatalog(db: Db, params: { sellerUserId: string }): Promise<{ created: number }> {
  const categories = await seedCategories(db);
  const actor: Actor = { userId: params.sellerUserId, role: "seller", requestId: null };
  if (!(await findStoreByOwner(db, params.sellerUserId))) {
    await createStore(db, actor, {
      name: "Toko Sari Nusantara",
      slug: "toko-sari-nusantara",
      description: "Fashion, gadget dan kebutuhan rumah, dikirim dari Bandung.",
      contact: { email: "seller@niaga.test", phone: "081234567890" },
      address: { line: "Jl. Braga No. 10", city: "Bandung", postalCode: "40111", region: "Jawa Barat" },
    });
  }
  let created = 0;
  for (const [index, demo] of PRODUCTS.entries()) {
    const exists = await db.selectFrom("products").select("id").where("slug", "=", demo[0]).executeTakeFirst();
    const categoryId = categories.get(demo[2]);
    if (exists || !categoryId) continue;
    await createProduct(db, actor, productInput(demo, categoryId, index));
    created += 1;
  }
  return { created };
}
