import { z } from "zod";
import { phoneSchema } from "./users.ts";

/** Lowercase words joined by single dashes: what the database's slug check accepts. */
export const slugSchema = z
  .string()
  .trim()
  .min(1, "Slug is required")
  .max(80, "Slug is at most 80 characters")
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Use lowercase letters, digits and single dashes");

/** Ids are opaque short strings; the bound keeps junk out of queries. */
export const entityIdSchema = z.string().trim().min(1, "Id is required").max(64, "Id is at most 64 characters");

export const STORE_STATUSES = ["open", "holiday", "closed"] as const;
export const storeStatusSchema = z.enum(STORE_STATUSES);
export type StoreStatus = z.infer<typeof storeStatusSchema>;

/** A postal address; the store's is its shipping origin. */
export const addressInputSchema = z.object({
  line: z.string().trim().max(300, "Address is at most 300 characters").default(""),
  city: z.string().trim().min(1, "City is required").max(100),
  postalCode: z
    .string()
    .trim()
    .regex(/^[0-9]{5}$/, "Postal code is 5 digits"),
  region: z.string().trim().max(100).default(""),
});
export type AddressInput = z.infer<typeof addressInputSchema>;
export const addressSchema = z.object({
  line: z.string(),
  city: z.string(),
  postalCode: z.string(),
  region: z.string(),
});

/** Average (null when nothing is rated yet), count and a 1–5 histogram (index 0 counts 1-star ratings). */
export const ratingAggregateSchema = z.object({
  average: z.number().nullable(),
  count: z.number().int(),
  histogram: z.array(z.number().int()).length(5),
});
export type RatingAggregate = z.infer<typeof ratingAggregateSchema>;

const storeNameSchema = z.string().trim().min(1, "Name is required").max(100, "Name is at most 100 characters");
const contactSchema = z.object({
  email: z.email("Enter a valid email address").max(254).nullable().optional(),
  phone: phoneSchema.nullable().optional(),
});

export const createStoreInputSchema = z.object({
  name: storeNameSchema,
  slug: slugSchema,
  description: z.string().trim().max(5000).default(""),
  contact: contactSchema.default({}),
  address: addressInputSchema,
});
export type CreateStoreInput = z.infer<typeof createStoreInputSchema>;

export const updateStoreInputSchema = z.object({
  data: z
    .object({
      name: storeNameSchema.optional(),
      slug: slugSchema.optional(),
      description: z.string().trim().max(5000).optional(),
      contact: contactSchema.optional(),
      address: addressInputSchema.optional(),
      status: storeStatusSchema.optional(),
    })
    .refine((data) => Object.values(data).some((value) => value !== undefined), "Nothing to update"),
});
export type UpdateStoreInput = z.infer<typeof updateStoreInputSchema>;

/** What the owning seller sees of their store. */
export const sellerStoreSchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  description: z.string(),
  logoUrl: z.string().nullable(),
  bannerUrl: z.string().nullable(),
  contact: z.object({ email: z.string().nullable(), phone: z.string().nullable() }),
  address: addressSchema,
  status: storeStatusSchema,
  rating: ratingAggregateSchema,
  followerCount: z.number().int(),
  productCount: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type SellerStore = z.infer<typeof sellerStoreSchema>;

/** The public store page: no contact details beyond what the seller publishes, no owner id. */
export const publicStoreSchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  description: z.string(),
  logoUrl: z.string().nullable(),
  bannerUrl: z.string().nullable(),
  city: z.string(),
  region: z.string(),
  status: storeStatusSchema,
  rating: ratingAggregateSchema,
  followerCount: z.number().int(),
  productCount: z.number().int(),
  createdAt: z.date(),
});
export type PublicStore = z.infer<typeof publicStoreSchema>;
export const getPublicStoreInputSchema = z.object({ slug: z.string().trim().min(1).max(80) });

export const stockLocationSchema = z.object({
  id: z.string(),
  name: z.string(),
  address: addressSchema,
  isDefault: z.boolean(),
  createdAt: z.date(),
});
export type StockLocation = z.infer<typeof stockLocationSchema>;

const locationNameSchema = z.string().trim().min(1, "Name is required").max(100);
export const createLocationInputSchema = z.object({
  name: locationNameSchema,
  address: addressInputSchema,
  isDefault: z.boolean().default(false),
});
export type CreateLocationInput = z.infer<typeof createLocationInputSchema>;
export const updateLocationInputSchema = z.object({
  id: entityIdSchema,
  data: z
    .object({ name: locationNameSchema.optional(), address: addressInputSchema.optional() })
    .refine((data) => data.name !== undefined || data.address !== undefined, "Nothing to update"),
});
export type UpdateLocationInput = z.infer<typeof updateLocationInputSchema>;
export const locationIdInputSchema = z.object({ id: entityIdSchema });
