import type { AppRouter } from "@niaga/api";
import type {
  LiveNotificationMessage,
  LiveOrderMessage,
  LiveStockMessage,
  LiveStoreOrderMessage,
} from "@niaga/contracts";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { TRPCClient, TRPCClientErrorLike } from "@trpc/client";
import { createTRPCClient } from "@trpc/client";
import type { TRPCOptionsProxy, TRPCSubscriptionResult } from "@trpc/tanstack-react-query";
import { createTRPCContext, useSubscription } from "@trpc/tanstack-react-query";
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

/** One message of a live stream: `id` is the cursor tRPC resends on reconnect, `data` the update. */
export interface LiveData<T> {
  id: string;
  data: T;
}

/** What a live hook returns: `data` is the latest message; `status` is idle, connecting, pending or error. */
export type LiveResult<T> = TRPCSubscriptionResult<LiveData<T>, TRPCClientErrorLike<AppRouter>>;

/** Options of the live hooks. */
export interface LiveOptions<T> {
  /** False pauses the stream (e.g. until the order id is known). Default true. */
  enabled?: boolean;
  /** Called with every message, including the replayed ones after a reconnect. */
  onData?: (message: LiveData<T>) => void;
  onError?: (error: TRPCClientErrorLike<AppRouter>) => void;
}

/** The signed-in user's notifications as they arrive (`customer.live.notifications`). */
export function useLiveNotifications(
  options: LiveOptions<LiveNotificationMessage> = {},
): LiveResult<LiveNotificationMessage> {
  const trpc = useTRPC();
  return useSubscription(trpc.customer.live.notifications.subscriptionOptions(undefined, options));
}

/** One of my orders' status as it changes (`customer.live.order`); another customer's order errors NOT_FOUND. */
export function useLiveOrder(
  orderId: string,
  options: LiveOptions<LiveOrderMessage> = {},
): LiveResult<LiveOrderMessage> {
  const trpc = useTRPC();
  return useSubscription(trpc.customer.live.order.subscriptionOptions({ orderId }, options));
}

/** A product's live stock per variant (`public.live.stock`). */
export function useLiveStock(
  productId: string,
  options: LiveOptions<LiveStockMessage> = {},
): LiveResult<LiveStockMessage> {
  const trpc = useTRPC();
  return useSubscription(trpc.public.live.stock.subscriptionOptions({ productId }, options));
}

/** The seller's incoming orders (`seller.live.orders`). */
export function useLiveStoreOrders(
  options: LiveOptions<LiveStoreOrderMessage> = {},
): LiveResult<LiveStoreOrderMessage> {
  const trpc = useTRPC();
  return useSubscription(trpc.seller.live.orders.subscriptionOptions(undefined, options));
}
