import { z } from "zod";
import { entityIdSchema } from "./stores.ts";
import { phoneSchema } from "./users.ts";

/** How many addresses one customer may keep: a book, not a dump. */
export const MAX_ADDRESSES = 30;

const fields = {
  recipient: z.string().trim().min(1, "Recipient is required").max(100, "Recipient is at most 100 characters"),
  phone: phoneSchema,
  line: z.string().trim().min(1, "Street address is required").max(300, "Street address is at most 300 characters"),
  city: z.string().trim().min(1, "City is required").max(100, "City is at most 100 characters"),
  postalCode: z
    .string()
    .trim()
    .regex(/^[0-9]{5}$/, "Postal code is 5 digits"),
  /** The province: shipping rates are zoned by it. */
  region: z.string().trim().min(1, "Region (province) is required").max(100, "Region is at most 100 characters"),
  note: z.string().trim().max(300, "Note is at most 300 characters").nullable().optional(),
};

export const createAddressInputSchema = z.object({
  ...fields,
  /** Make this the default; the customer's first address is the default regardless. */
  isDefault: z.boolean().default(false),
});
export type CreateAddressInput = z.infer<typeof createAddressInputSchema>;

export const updateAddressInputSchema = z.object({
  id: entityIdSchema,
  data: z
    .object({
      recipient: fields.recipient.optional(),
      phone: fields.phone.optional(),
      line: fields.line.optional(),
      city: fields.city.optional(),
      postalCode: fields.postalCode.optional(),
      region: fields.region.optional(),
      note: fields.note,
    })
    .refine((data) => Object.values(data).some((value) => value !== undefined), "Nothing to update"),
});
export type UpdateAddressInput = z.infer<typeof updateAddressInputSchema>;

export const addressIdInputSchema = z.object({ id: entityIdSchema });
export type AddressIdInput = z.infer<typeof addressIdInputSchema>;

/** An entry of the caller's address book. */
export const customerAddressSchema = z.object({
  id: z.string(),
  recipient: z.string(),
  phone: z.string(),
  line: z.string(),
  city: z.string(),
  postalCode: z.string(),
  region: z.string(),
  note: z.string().nullable(),
  isDefault: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type CustomerAddress = z.infer<typeof customerAddressSchema>;

/** The whole book, default first, then newest first. */
export const addressListSchema = z.array(customerAddressSchema);
