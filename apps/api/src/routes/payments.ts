import type { Services } from "@niaga/api";
import { recordPaymentEvents, recordSandboxDecision } from "@niaga/core/payments/payment-events";
import { WebhookSignatureError } from "@niaga/core/payments/payment-provider";
import { DomainError } from "@niaga/core/shared/errors";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";

/** Gateway webhooks are small JSON documents; anything larger is not one. */
const WEBHOOK_MAX_BYTES = 256 * 1024;

/**
 * Payment webhooks and the sandbox's decision endpoints. A webhook is verified on its RAW body
 * (read before any JSON parsing: a re-serialized body would not verify), its events are stored
 * once, and that is all: the `payments.process-events` job does the work. A bad signature
 * answers 400 and stores nothing; a duplicate answers 200 and does nothing.
 */
export function paymentsRoutes(services: Pick<Services, "db" | "config" | "payments" | "logger">) {
  const { db, config, payments, logger } = services;
  const app = new Hono();

  app.use("/webhooks/*", bodyLimit({ maxSize: WEBHOOK_MAX_BYTES }));
  app.post("/webhooks/:provider{stripe|midtrans}", async (c) => {
    if (c.req.param("provider") !== payments.name) return c.json({ message: "Not found" }, 404);
    const rawBody = await c.req.text();
    let events: Awaited<ReturnType<typeof payments.parseWebhook>>;
    try {
      events = await payments.parseWebhook(rawBody, c.req.raw.headers);
    } catch (error) {
      if (error instanceof WebhookSignatureError) {
        logger.warn("payment webhook refused", { provider: payments.name, reason: error.message });
        return c.json({ message: "Invalid signature" }, 400);
      }
      throw error;
    }
    const recorded = await recordPaymentEvents(db, {
      provider: payments.name,
      events,
      payload: JSON.parse(rawBody),
    });
    return c.json({ received: true, ...recorded });
  });

  // Development and test only, and only when no gateway is configured: anyone who can reach
  // these endpoints can mark a payment paid.
  if (payments.name === "sandbox" && !config.isProduction) {
    app.post("/sandbox/payments/:paymentId/:decision{approve|decline}", async (c) => {
      try {
        const result = await recordSandboxDecision(db, {
          paymentId: c.req.param("paymentId"),
          outcome: c.req.param("decision") === "approve" ? "approve" : "decline",
        });
        return c.json({ received: true, ...result });
      } catch (error) {
        if (error instanceof DomainError && (error.code === "NOT_FOUND" || error.code === "CONFLICT")) {
          return c.json({ message: error.message }, error.code === "NOT_FOUND" ? 404 : 409);
        }
        throw error;
      }
    });
  }
  return app;
}
