import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";
import type { CatalogTables } from "./schema-catalog.ts";
import type { CoinTables } from "./schema-coins.ts";
import type { ComplaintTables } from "./schema-complaints.ts";
import type { CouponTables } from "./schema-coupons.ts";
import type { FinanceTables } from "./schema-finance.ts";
import type { LedgerTables } from "./schema-ledger.ts";
import type { NotificationTables } from "./schema-notifications.ts";
import type { OrderTables } from "./schema-orders.ts";
import type { PaymentTables } from "./schema-payments.ts";
import type { ReconciliationTables } from "./schema-reconciliation.ts";
import type { ShippingTables } from "./schema-shipping.ts";

// Table interfaces describe the database as migrated; query results use Selectable<...> so
// nothing here leaks to clients (the API returns DTOs through zod output schemas).
// better-auth owns the first six tables and names their columns in camelCase; Niaga's own
// tables use snake_case.

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface UserTable {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  image: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  role: ColumnType<string, string | undefined, string>;
  banned: boolean | null;
  banReason: string | null;
  banExpires: Timestamp | null;
  phone: string | null;
  accountType: string | null;
  /** Template language for notifications (migration 2026-11-24T12-00-notifications). */
  language: ColumnType<"en" | "id", "en" | "id" | undefined, "en" | "id">;
}

export interface SessionTable {
  id: string;
  expiresAt: Timestamp;
  token: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  ipAddress: string | null;
  userAgent: string | null;
  userId: string;
  impersonatedBy: string | null;
}

export interface AccountTable {
  id: string;
  accountId: string;
  providerId: string;
  userId: string;
  accessToken: string | null;
  refreshToken: string | null;
  idToken: string | null;
  accessTokenExpiresAt: Timestamp | null;
  refreshTokenExpiresAt: Timestamp | null;
  scope: string | null;
  password: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface VerificationTable {
  id: string;
  identifier: string;
  value: string;
  expiresAt: Timestamp;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface JwksTable {
  id: string;
  publicKey: string;
  privateKey: string;
  createdAt: Timestamp;
  expiresAt: Timestamp | null;
  alg: string | null;
  crv: string | null;
}

export interface RateLimitTable {
  id: string;
  key: string;
  count: number;
  lastRequest: number;
}

export interface ApiKeyTable {
  id: string;
  name: string;
  prefix: string;
  key_hash: string;
  user_id: string;
  role: string;
  created_by: string;
  created_at: CreatedAt;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface LoginLockoutTable {
  email: string;
  failed_count: number;
  locked_until: Timestamp | null;
  updated_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_id: string | null;
  action: string;
  target_type: string;
  target_id: string;
  data: ColumnType<Record<string, unknown>, string, string>;
  request_id: string | null;
  created_at: CreatedAt;
}

export interface DevOutboxTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  created_at: CreatedAt;
}

export interface Database
  extends CatalogTables,
    ShippingTables,
    CouponTables,
    CoinTables,
    OrderTables,
    LedgerTables,
    FinanceTables,
    ComplaintTables,
    PaymentTables,
    NotificationTables,
    ReconciliationTables {
  user: UserTable;
  session: SessionTable;
  account: AccountTable;
  verification: VerificationTable;
  jwks: JwksTable;
  rateLimit: RateLimitTable;
  api_keys: ApiKeyTable;
  login_lockouts: LoginLockoutTable;
  audit_log: AuditLogTable;
  dev_outbox: DevOutboxTable;
}

export type UserRow = Selectable<UserTable>;
export type SessionRow = Selectable<SessionTable>;
export type ApiKeyRow = Selectable<ApiKeyTable>;
export type NewApiKey = Insertable<ApiKeyTable>;
export type UserUpdate = Updateable<UserTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
