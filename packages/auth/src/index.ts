export type { Auth, AuthDeps } from "./auth.ts";
export { CLIENT_IP_HEADER, createAuth, JWT_AUDIENCE } from "./auth.ts";
export type { Authenticate, AuthMethod, Principal } from "./authenticate.ts";
export { createAuthenticator } from "./authenticate.ts";
export { createStaffAccount } from "./staff.ts";
export { createUserWithPassword } from "./users.ts";
