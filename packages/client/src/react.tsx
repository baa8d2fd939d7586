import type { AppRouter } from "@niaga/api";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { TRPCClient } from "@trpc/client";
import { createTRPCClient } from "@trpc/client";
import type { TRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import type { ReactNode } from "react";
import { useState } from "react";
import type { NiagaLinkOptions } from "./links.ts";
import { createNiagaLinks } from "./links.ts";

const trpcContext = createTRPCContext<AppRouter>();

/** The typed hook: `useQuery(useTRPC().customer.me.get.queryOptions())`. */
export const useTRPC: () => TRPCOptionsProxy<AppRouter> = trpcContext.useTRPC;
/** The raw client, for imperative calls (`useNiagaClient().customer.me.update.mutate(...)`). */
export const useNiagaClient: () => TRPCClient<AppRouter> = trpcContext.useTRPCClient;

export interface NiagaProviderProps extends NiagaLinkOptions {
  /** Bring your own QueryClient, or one is made per provider. */
  queryClient?: QueryClient;
  children: ReactNode;
}

/** Provides React Query and the typed tRPC hooks to a web or React Native app. */
export function NiagaProvider({ queryClient: given, children, ...linkOptions }: NiagaProviderProps): ReactNode {
  const [queryClient] = useState(
    () => given ?? new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: 1 } } }),
  );
  const [client] = useState(() => createTRPCClient<AppRouter>({ links: createNiagaLinks(linkOptions) }));
  return (
    <QueryClientProvider client={queryClient}>
      <trpcContext.TRPCProvider trpcClient={client} queryClient={queryClient}>
        {children}
      </trpcContext.TRPCProvider>
    </QueryClientProvider>
  );
}
