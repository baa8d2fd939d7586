import { z } from "zod";

const booleanish = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((value) => value === "true" || value === "1" || value === "yes");

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Every environment variable Niaga reads, with the default that makes `npm start` work on a
 * laptop. README.md documents the same list; nothing else in the repo reads `process.env`.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  /** Which parts run in this process: the HTTP API, the pg-boss worker, or both. */
  NIAGA_PROCESS: z.enum(["all", "api", "worker"]).default("all"),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** tRPC mutations one API process serves at once, the rest waiting their turn (0: no limit); default: DATABASE_POOL_MAX. */
  API_MUTATIONS_IN_PROGRESS: z.coerce.number().int().min(0).max(10_000).optional(),
  /** Milliseconds a mutation waits for its turn before it is served anyway. */
  API_MUTATION_MAX_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  DATABASE_PREPARED_STATEMENTS: z.coerce.number().int().min(0).max(10_000).default(256),
  EMBEDDED_PG_DIR: z.string().default(".data/postgres"),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(5433),
  MIGRATE_ON_START: booleanish.default(true),
  PUBLIC_API_URL: z.string().url().default("http://localhost:3000"),
  WEB_URL: z.string().url().default("http://localhost:5173"),
  ADMIN_URL: z.string().url().default("http://localhost:5174"),
  /** Extra origins allowed to call the API with credentials, comma separated (default: Expo web dev). */
  TRUSTED_ORIGINS: z.string().default("http://localhost:8081"),
  AUTH_SECRET: z.string().min(32).optional(),
  /** Trust X-Forwarded-For for the client IP (only behind a proxy you run). */
  TRUST_PROXY: booleanish.default(false),
  AUTH_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
  AUTH_RATE_LIMIT_MAX: z.coerce.number().int().min(1).default(10),
  LOGIN_LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).default(15),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Niaga <no-reply@niaga.local>"),
  STORAGE_DIR: z.string().default(".data/uploads"),
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(2 * 1024 * 1024),
  CURRENCY: z.string().length(3).default("IDR"),
  /** How long after posting a customer may still edit a review (marketplace policy, so configurable). */
  REVIEW_EDIT_WINDOW_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  /** The IANA zone whose calendar days count for daily coins (and other per-day marketplace rules). */
  MARKETPLACE_TIME_ZONE: z
    .string()
    .refine(isTimeZone, "Unknown IANA time zone (for example Asia/Jakarta)")
    .default("Asia/Jakarta"),
  /** Coins: the daily claim, the streak bonus per extra consecutive day and the day the bonus stops growing. */
  COINS_DAILY_AMOUNT: z.coerce.number().int().min(0).max(1_000_000).default(25),
  COINS_STREAK_BONUS: z.coerce.number().int().min(0).max(1_000_000).default(5),
  COINS_STREAK_MAX_DAYS: z.coerce.number().int().min(1).max(366).default(7),
  /** What one coin is worth in the currency's minor units, and the most of a subtotal coins may pay. */
  COINS_MINOR_UNITS_PER_COIN: z.coerce.number().int().min(1).max(1_000_000).default(1),
  COINS_MAX_REDEEM_PERCENT: z.coerce.number().int().min(0).max(100).default(50),
  /** Set to quote shipping from RajaOngkir's cost API; unset quotes from the platform's rate table. */
  RAJAONGKIR_API_KEY: z.string().optional(),
  RAJAONGKIR_BASE_URL: z.string().url().default("https://api.rajaongkir.com/starter"),
  RAJAONGKIR_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  /** Couriers asked for a quote when the caller names none, comma separated. */
  RAJAONGKIR_COURIERS: z.string().default("jne,pos,tiki"),
  /** The platform's commission when no store or category rate applies, in basis points (500 = 5%). */
  PLATFORM_COMMISSION_BPS: z.coerce.number().int().min(0).max(10_000).default(500),
  /** Minutes an unpaid checkout holds its stock, coupon uses and coins before it expires. */
  CHECKOUT_EXPIRY_MINUTES: z.coerce.number().int().min(1).max(10_080).default(30),
  /** Days after delivery before an order the customer has not confirmed completes on its own. */
  ORDER_AUTO_COMPLETE_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  /** Days a paid order may wait unshipped before the managers' stuck-order view lists it. */
  ORDER_STUCK_DAYS: z.coerce.number().int().min(1).max(365).default(3),
  /** Stripe keys: both set → payments go through Stripe; neither Stripe nor Midtrans → the sandbox. */
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  /** Retries the Stripe SDK makes on network errors and 5xx (it reuses the idempotency key). */
  STRIPE_MAX_NETWORK_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  STRIPE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(20_000),
  /** Midtrans server key: set (and Stripe unset) → payments go through Midtrans Snap. */
  MIDTRANS_SERVER_KEY: z.string().optional(),
  MIDTRANS_SNAP_BASE_URL: z.string().url().default("https://app.sandbox.midtrans.com"),
  MIDTRANS_API_BASE_URL: z.string().url().default("https://api.sandbox.midtrans.com"),
  MIDTRANS_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Hours a seller has to answer a complaint before it expires and the customer may escalate it. */
  COMPLAINT_SELLER_RESPONSE_HOURS: z.coerce.number().int().min(1).max(8760).default(48),
  /** Minutes reconciliation reads beyond its window on both sides, so a late ledger entry still matches its gateway record. */
  RECONCILIATION_GRACE_MINUTES: z.coerce.number().int().min(0).max(1440).default(60),
  /** Missed events a live stream replays to a client reconnecting with its last event id (the newest ones). */
  REALTIME_REPLAY_LIMIT: z.coerce.number().int().min(1).max(10_000).default(200),
  /** Events a live stream may hold for a slow client before it ends the stream (the client reconnects and replays). */
  REALTIME_QUEUE_LIMIT: z.coerce.number().int().min(10).max(100_000).default(1000),
  /** Hours an in-app notification stays unread before the daily email digest mentions it. */
  NOTIFICATION_DIGEST_MIN_AGE_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  /** Seconds between each worker's outbox dispatch runs (0: only the minute cron). */
  EVENTS_DISPATCH_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3600).default(2),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
});

export type Env = z.infer<typeof envSchema>;

/** A development-only secret: production refuses to start without AUTH_SECRET. */
const DEV_AUTH_SECRET = "niaga-development-secret-change-me-0123456789";

export interface Config extends Env {
  authSecret: string;
  trustedOrigins: string[];
  isProduction: boolean;
}

/** Parses the environment once; throws a readable error listing every bad variable. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
    throw new Error(`Invalid environment configuration:\n${problems}`);
  }
  const env = parsed.data;
  const isProduction = env.NODE_ENV === "production";
  if (isProduction && !env.AUTH_SECRET) throw new Error("AUTH_SECRET must be set in production (32+ characters)");
  const extraOrigins = env.TRUSTED_ORIGINS.split(",")
    .map((origin) => origin.trim())
    .filter(Boolean);
  return {
    ...env,
    authSecret: env.AUTH_SECRET ?? DEV_AUTH_SECRET,
    trustedOrigins: [...new Set([env.WEB_URL, env.ADMIN_URL, env.PUBLIC_API_URL, ...extraOrigins])],
    isProduction,
  };
}
