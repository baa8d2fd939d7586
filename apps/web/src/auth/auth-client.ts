import { createNiagaAuthClient } from "@niaga/client";
import { apiUrl } from "../config.ts";

/** better-auth over the session cookie: the API sets it, and every call sends it back. */
export const authClient = createNiagaAuthClient({ baseURL: apiUrl, credentials: "include" });
