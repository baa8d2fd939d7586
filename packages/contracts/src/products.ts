import { z } from "zod";
import { stockQuantitySchema } from "./inventory.ts";
import { pageInputSchema, pageOutputSchema } from "./pagination.ts";
import { entityIdSchema, slugSchema } from "./stores.ts";

/** The largest price accepted: 10^12 minor units (Rp 10 billion in sen), beyond any real listing. */
export const MAX_PRICE = 1_000_000_000_000;
/** Money in integer minor units of the marketplace currency: never a float. */
export const priceSchema = z
  .number({ message: "Price must be a number" })
  .int("Price is a whole number of minor units")
  .min(0, "Price cannot be negative")
  .max(MAX_PRICE, "Price is unrealistically large");

export const PRODUCT_STATUSES = ["draft", "active", "archived"] as const;
export const productStatusSchema = z.enum(PRODUCT_STATUSES);
export type ProductStatus = z.infer<typeof productStatusSchema>;

/** UTF-8 byte length without Buffer or TextEncoder (contracts also run in browsers and React Native). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** Free-form metadata is bounded: at most 50 keys and 4 KiB of JSON. */
export const METADATA_MAX_BYTES = 4096;
const metadataSchema = z
  .record(z.string().min(1).max(64), z.json())
  .refine((value) => Object.keys(value).length <= 50, "At most 50 metadata keys")
  .refine(
    (value) => utf8Length(JSON.stringify(value)) <= METADATA_MAX_BYTES,
    `Metadata is at most ${METADATA_MAX_BYTES} bytes of JSON`,
  );

const dimensionSchema = z.number().int("Use whole millimetres").min(0).max(10_000_000);
const optionsSchema = z
  .record(z.string().trim().min(1).max(40), z.string().trim().min(1).max(80))
  .refine((value) => Object.keys(value).length <= 5, "At most 5 options per variant");

const variantFieldsSchema = z.object({
  sku: z
    .string()
    .trim()
    .min(1, "SKU is required")
    .max(64)
    .regex(/^[A-Za-z0-9._-]+$/, "SKU uses letters, digits, dot, dash and underscore"),
  title: z.string().trim().max(200).default(""),
  options: optionsSchema.default({}),
  price: priceSchema,
  compareAtPrice: priceSchema.nullable().default(null),
});

function compareAtAbovePrice(variant: { price?: number | undefined; compareAtPrice?: number | null | undefined }) {
  return variant.compareAtPrice == null || variant.price === undefined || variant.compareAtPrice > variant.price;
}
const compareAtIssue = { message: "Compare-at price must be above the price", path: ["compareAtPrice"] };

export const variantInputSchema = variantFieldsSchema
  .extend({
    /** Initial on-hand stock per location; a row without a location uses the store's default one. */
    stock: z
      .array(z.object({ locationId: entityIdSchema.optional(), onHand: stockQuantitySchema }))
      .max(50)
      .default([]),
  })
  .refine(compareAtAbovePrice, compareAtIssue);
export type VariantInput = z.infer<typeof variantInputSchema>;

const productFieldsSchema = z.object({
  title: z.string().trim().min(1, "Title is required").max(200, "Title is at most 200 characters"),
  slug: slugSchema.optional(),
  description: z.string().trim().max(20_000).default(""),
  categoryId: entityIdSchema,
  tags: z.array(z.string().trim().toLowerCase().min(1).max(40)).max(20, "At most 20 tags").default([]),
  metadata: metadataSchema.default({}),
  weightGrams: z.number().int().min(0).max(1_000_000).default(0),
  dimensions: z
    .object({ lengthMm: dimensionSchema, widthMm: dimensionSchema, heightMm: dimensionSchema })
    .default({ lengthMm: 0, widthMm: 0, heightMm: 0 }),
  status: productStatusSchema.default("draft"),
  lowStockThreshold: z.number().int().min(0).max(100_000).default(5),
});

export const createProductInputSchema = productFieldsSchema.extend({
  variants: z.array(variantInputSchema).min(1, "Add at least one variant").max(100, "At most 100 variants"),
});
export type CreateProductInput = z.infer<typeof createProductInputSchema>;

export const updateProductInputSchema = z.object({
  id: entityIdSchema,
  data: z
    .object({
      title: productFieldsSchema.shape.title.optional(),
      slug: slugSchema.optional(),
      description: z.string().trim().max(20_000).optional(),
      categoryId: entityIdSchema.optional(),
      tags: z.array(z.string().trim().toLowerCase().min(1).max(40)).max(20).optional(),
      metadata: metadataSchema.optional(),
      weightGrams: z.number().int().min(0).max(1_000_000).optional(),
      dimensions: productFieldsSchema.shape.dimensions.unwrap().optional(),
      status: productStatusSchema.optional(),
      lowStockThreshold: z.number().int().min(0).max(100_000).optional(),
    })
    .refine((data) => Object.values(data).some((value) => value !== undefined), "Nothing to update"),
});
export type UpdateProductInput = z.infer<typeof updateProductInputSchema>;

export const productIdInputSchema = z.object({ id: entityIdSchema });
export const deleteProductOutputSchema = z.object({ outcome: z.enum(["deleted", "archived"]) });

export const listSellerProductsInputSchema = pageInputSchema.extend({ status: productStatusSchema.optional() });
export type ListSellerProductsInput = z.infer<typeof listSellerProductsInputSchema>;

export const variantStockSchema = z.object({
  locationId: z.string(),
  onHand: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int(),
});
export const sellerVariantSchema = z.object({
  id: z.string(),
  sku: z.string(),
  title: z.string(),
  options: z.record(z.string(), z.string()),
  price: z.number().int(),
  compareAtPrice: z.number().int().nullable(),
  position: z.number().int(),
  archivedAt: z.date().nullable(),
  stock: z.array(variantStockSchema),
});
export const productImageSchema = z.object({
  id: z.string(),
  url: z.string(),
  alt: z.string(),
  position: z.number().int(),
});
export type ProductImage = z.infer<typeof productImageSchema>;

const productCoreSchema = z.object({
  id: z.string(),
  title: z.string(),
  slug: z.string(),
  status: productStatusSchema,
  categoryId: z.string(),
  minPrice: z.number().int(),
  maxPrice: z.number().int(),
  inStock: z.boolean(),
  hidden: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export const sellerProductSummarySchema = productCoreSchema.extend({ imageUrl: z.string().nullable() });
export const listSellerProductsOutputSchema = pageOutputSchema(sellerProductSummarySchema);

/** The seller's full view of their product. */
export const sellerProductSchema = productCoreSchema.extend({
  storeId: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  metadata: z.record(z.string(), z.unknown()),
  weightGrams: z.number().int(),
  dimensions: z.object({ lengthMm: z.number().int(), widthMm: z.number().int(), heightMm: z.number().int() }),
  lowStockThreshold: z.number().int(),
  hiddenReason: z.string().nullable(),
  publishedAt: z.date().nullable(),
  variants: z.array(sellerVariantSchema),
  images: z.array(productImageSchema),
});
export type SellerProduct = z.infer<typeof sellerProductSchema>;

export const addVariantInputSchema = z.object({ productId: entityIdSchema, data: variantInputSchema });
export const updateVariantInputSchema = z.object({
  id: entityIdSchema,
  data: variantFieldsSchema
    .partial()
    .extend({ title: z.string().trim().max(200).optional(), options: optionsSchema.optional() })
    .refine((data) => Object.values(data).some((value) => value !== undefined), "Nothing to update")
    .refine(compareAtAbovePrice, compareAtIssue),
});
export type UpdateVariantInput = z.infer<typeof updateVariantInputSchema>;
export const variantIdInputSchema = z.object({ id: entityIdSchema });

export const reorderImagesInputSchema = z.object({
  productId: entityIdSchema,
  imageIds: z.array(entityIdSchema).min(1).max(50),
});
export const deleteImageInputSchema = z.object({ productId: entityIdSchema, imageId: entityIdSchema });
export const productImagesOutputSchema = z.array(productImageSchema);

export const bulkUpdatePricesInputSchema = z.object({
  rows: z
    .array(
      z
        .object({ variantId: entityIdSchema, price: priceSchema, compareAtPrice: priceSchema.nullable().optional() })
        .refine(compareAtAbovePrice, compareAtIssue),
    )
    .min(1, "Send at least one row")
    .max(500, "At most 500 rows per call"),
});
export type BulkUpdatePricesInput = z.infer<typeof bulkUpdatePricesInputSchema>;

export const hideProductInputSchema = z.object({
  id: entityIdSchema,
  reason: z.string().trim().min(3, "Give a reason").max(500),
});
export const unhideProductInputSchema = z.object({
  id: entityIdSchema,
  reason: z.string().trim().max(500).optional(),
});
export const moderatedProductSchema = z.object({
  id: z.string(),
  hidden: z.boolean(),
  hiddenReason: z.string().nullable(),
  hiddenAt: z.date().nullable(),
});
