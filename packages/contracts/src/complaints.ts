import { z } from "zod";
import { pageInputSchema, pageOutputSchema } from "./pagination.ts";
import { entityIdSchema } from "./stores.ts";

/** Images per complaint; uploads beyond this are refused. */
export const COMPLAINT_MAX_IMAGES = 5;

export const COMPLAINT_REASONS = ["not_received", "damaged", "wrong_item", "not_as_described", "other"] as const;
export const complaintReasonSchema = z.enum(COMPLAINT_REASONS, { error: "Choose a reason" });

/** What the customer asks for: money back, money back once the item is returned, or a new item. */
export const COMPLAINT_RESOLUTIONS = ["refund", "return", "replacement"] as const;
export const complaintResolutionSchema = z.enum(COMPLAINT_RESOLUTIONS, {
  error: "Choose refund, return or replacement",
});

export const COMPLAINT_STATUSES = [
  "open",
  "approved",
  "rejected",
  "expired",
  "escalated",
  "manager_approved",
  "manager_rejected",
] as const;
export const complaintStatusSchema = z.enum(COMPLAINT_STATUSES, { error: "Unknown complaint status" });

/** Where refunded money goes: back to the card/gateway that paid, or into the customer's wallet. */
export const REFUND_DESTINATIONS = ["original", "wallet"] as const;
export const refundDestinationSchema = z.enum(REFUND_DESTINATIONS, { error: "Choose original or wallet" });
export const REFUND_STATUSES = ["requested", "succeeded", "failed"] as const;

const amountSchema = z
  .number({ error: "Enter the amount in minor units" })
  .int("The amount is a whole number of minor units")
  .min(1, "The amount must be at least 1")
  .max(1_000_000_000_000, "The amount is too large");

const messageSchema = (what: string) =>
  z
    .string({ error: `Write ${what}` })
    .trim()
    .min(2, `Write ${what}`)
    .max(2000, `${what[0]?.toUpperCase()}${what.slice(1)} is at most 2000 characters`);

export const openComplaintInputSchema = z
  .object({
    orderLineId: entityIdSchema,
    reason: complaintReasonSchema,
    description: z
      .string({ error: "Describe the problem" })
      .trim()
      .min(10, "Describe the problem in at least 10 characters")
      .max(4000, "A description is at most 4000 characters"),
    resolution: complaintResolutionSchema,
    /** Asked back for a refund or return; at most the line's paid value. */
    refundAmount: amountSchema.optional(),
    refundDestination: refundDestinationSchema.default("original"),
  })
  .refine((value) => value.resolution === "replacement" || value.refundAmount !== undefined, {
    message: "Enter the amount to refund",
    path: ["refundAmount"],
  })
  .refine((value) => value.resolution !== "replacement" || value.refundAmount === undefined, {
    message: "A replacement has no refund amount",
    path: ["refundAmount"],
  });
export type OpenComplaintInput = z.infer<typeof openComplaintInputSchema>;

export const complaintIdInputSchema = z.object({ id: entityIdSchema });

export const escalateComplaintInputSchema = z.object({
  id: entityIdSchema,
  note: messageSchema("why you escalate"),
});
export type EscalateComplaintInput = z.infer<typeof escalateComplaintInputSchema>;

export const respondComplaintInputSchema = z.object({
  id: entityIdSchema,
  decision: z.enum(["approve", "reject"], { error: "Approve or reject" }),
  message: messageSchema("a message to the customer"),
});
export type RespondComplaintInput = z.infer<typeof respondComplaintInputSchema>;

export const decideComplaintInputSchema = z
  .object({
    id: entityIdSchema,
    decision: z.enum(["approve", "reject"], { error: "Approve or reject" }),
    /** The amount to refund on approval; defaults to what the customer asked. */
    refundAmount: amountSchema.optional(),
    /** Overrides the customer's choice of destination. */
    refundDestination: refundDestinationSchema.optional(),
    note: messageSchema("a note"),
  })
  .refine((value) => value.decision === "approve" || value.refundAmount === undefined, {
    message: "A rejection refunds nothing",
    path: ["refundAmount"],
  });
export type DecideComplaintInput = z.infer<typeof decideComplaintInputSchema>;

export const listComplaintsInputSchema = pageInputSchema.extend({ status: complaintStatusSchema.optional() });
export type ListComplaintsInput = z.infer<typeof listComplaintsInputSchema>;

export const refundSummarySchema = z.object({
  id: z.string(),
  amount: z.number().int(),
  destination: refundDestinationSchema,
  status: z.enum(REFUND_STATUSES),
  createdAt: z.date(),
  settledAt: z.date().nullable(),
});
export type RefundSummary = z.infer<typeof refundSummarySchema>;

/** A step in a complaint's history, with who acted by role (never by user id). */
export const complaintEventSchema = z.object({
  id: z.number().int(),
  actorRole: z.string(),
  fromStatus: complaintStatusSchema.nullable(),
  toStatus: complaintStatusSchema,
  note: z.string().nullable(),
  createdAt: z.date(),
});

export const complaintSummarySchema = z.object({
  id: z.string(),
  orderId: z.string(),
  orderNumber: z.string(),
  orderLineId: z.string(),
  storeId: z.string(),
  productTitle: z.string(),
  variantTitle: z.string(),
  quantity: z.number().int(),
  /** What the customer paid for the line, after its share of discounts. */
  linePaidValue: z.number().int(),
  reason: complaintReasonSchema,
  resolution: complaintResolutionSchema,
  status: complaintStatusSchema,
  requestedAmount: z.number().int().nullable(),
  approvedAmount: z.number().int().nullable(),
  refundDestination: refundDestinationSchema,
  sellerResponseDueAt: z.date(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type ComplaintSummary = z.infer<typeof complaintSummarySchema>;

export const complaintDetailSchema = complaintSummarySchema.extend({
  description: z.string(),
  images: z.array(z.string()),
  sellerMessage: z.string().nullable(),
  sellerRespondedAt: z.date().nullable(),
  escalationNote: z.string().nullable(),
  escalatedAt: z.date().nullable(),
  managerNote: z.string().nullable(),
  decidedAt: z.date().nullable(),
  returnedAt: z.date().nullable(),
  refund: refundSummarySchema.nullable(),
  events: z.array(complaintEventSchema),
});
export type ComplaintDetail = z.infer<typeof complaintDetailSchema>;

export const listComplaintsOutputSchema = pageOutputSchema(complaintSummarySchema);
