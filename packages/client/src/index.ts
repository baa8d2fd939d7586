export type { AppRouter, ErrorData, RouterInputs, RouterOutputs } from "@niaga/api";
export type { NiagaAuthClient, NiagaAuthClientOptions } from "./auth-client.ts";
export { createNiagaAuthClient } from "./auth-client.ts";
export type { NiagaClient, NiagaClientOptions } from "./client.ts";
export { createNiagaClient } from "./client.ts";
export type { HeadersSource, NiagaAuth, NiagaLinkOptions, SubscriptionEventSource } from "./links.ts";
export { authConnectionParams, authHeaders, createNiagaLinks } from "./links.ts";
