export type { AppRouter, ErrorData, RouterInputs, RouterOutputs } from "@niaga/api";
export type { NiagaAuthClient, NiagaAuthClientOptions } from "./auth-client.ts";
export { createNiagaAuthClient } from "./auth-client.ts";
export type { NiagaClient, NiagaClientOptions } from "./client.ts";
export { createNiagaClient } from "./client.ts";
export type { HeadersSource, NiagaAuth, NiagaLinkOptions } from "./links.ts";
export { authHeaders, createNiagaLinks } from "./links.ts";
