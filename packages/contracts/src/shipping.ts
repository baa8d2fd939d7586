import { z } from "zod";
import { entityIdSchema } from "./stores.ts";

/** Parcels up to 50 kg: beyond that it is freight, not a parcel courier. */
export const MAX_PARCEL_GRAMS = 50_000;
/** The largest per-kilogram price accepted: Rp 10 million in sen. */
export const MAX_RATE_PRICE = 1_000_000_000;

/** Courier codes as RajaOngkir spells them: "jne", "pos", "tiki". */
export const courierCodeSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9-]{1,20}$/, "Courier is a short code such as jne, pos or tiki");

export const weightGramsSchema = z
  .number()
  .int("Weight is a whole number of grams")
  .min(1, "Weight must be at least 1 gram")
  .max(MAX_PARCEL_GRAMS, `Weight is at most ${MAX_PARCEL_GRAMS} grams`);

export const shippingQuoteInputSchema = z.object({
  /** The destination: one of the caller's addresses. */
  addressId: entityIdSchema,
  /** The origin: this store's default stock location. */
  storeId: entityIdSchema,
  weightGrams: weightGramsSchema,
  courier: courierCodeSchema.optional(),
});
export type ShippingQuoteInput = z.infer<typeof shippingQuoteInputSchema>;

export const shippingServiceQuoteSchema = z.object({
  courier: z.string(),
  service: z.string(),
  description: z.string(),
  /** Minor units of the marketplace currency. */
  price: z.number().int(),
  etaDays: z.object({ min: z.number().int(), max: z.number().int() }),
});
export type ShippingServiceQuoteDto = z.infer<typeof shippingServiceQuoteSchema>;

export const shippingQuoteOutputSchema = z.object({
  provider: z.string(),
  services: z.array(shippingServiceQuoteSchema),
});
export type ShippingQuoteOutput = z.infer<typeof shippingQuoteOutputSchema>;

const regionKeySchema = z
  .string()
  .trim()
  .min(1, "Region is required (or * for any region)")
  .max(100, "Region is at most 100 characters")
  .transform((value) => value.replace(/\s+/g, " "));
const ratePriceSchema = z
  .number()
  .int("Price is a whole number of minor units")
  .min(0, "Price cannot be negative")
  .max(MAX_RATE_PRICE, `Price is at most ${MAX_RATE_PRICE}`);
const etaDaySchema = z.number().int("Days are whole numbers").min(0, "Days cannot be negative").max(60);

/** Creates the row of this (origin, destination, courier, service) key, or replaces its values. */
export const upsertShippingRateInputSchema = z.object({
  originRegion: regionKeySchema,
  destinationRegion: regionKeySchema,
  courier: courierCodeSchema,
  service: z.string().trim().min(1, "Service is required").max(50, "Service is at most 50 characters"),
  description: z.string().trim().max(200).default(""),
  firstKgPrice: ratePriceSchema,
  nextKgPrice: ratePriceSchema,
  maxWeightGrams: weightGramsSchema.nullable().default(null),
  etaDays: z
    .object({ min: etaDaySchema, max: etaDaySchema })
    .refine((eta) => eta.max >= eta.min, { message: "The longest ETA cannot be below the shortest", path: ["max"] }),
});
export type UpsertShippingRateInput = z.infer<typeof upsertShippingRateInputSchema>;

export const shippingRateIdInputSchema = z.object({ id: entityIdSchema });

export const listShippingRatesInputSchema = z
  .object({ originRegion: z.string().trim().max(100).optional(), courier: courierCodeSchema.optional() })
  .default({});
export type ListShippingRatesInput = z.infer<typeof listShippingRatesInputSchema>;

export const shippingRateSchema = z.object({
  id: z.string(),
  originRegion: z.string(),
  destinationRegion: z.string(),
  courier: z.string(),
  service: z.string(),
  description: z.string(),
  firstKgPrice: z.number().int(),
  nextKgPrice: z.number().int(),
  maxWeightGrams: z.number().int().nullable(),
  etaDays: z.object({ min: z.number().int(), max: z.number().int() }),
  updatedAt: z.date(),
});
export type ShippingRate = z.infer<typeof shippingRateSchema>;
export const shippingRateListSchema = z.array(shippingRateSchema);
