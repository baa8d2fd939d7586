import { z } from "zod";

const booleanish = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((value) => value === "true" || value === "1" || value === "yes");

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
