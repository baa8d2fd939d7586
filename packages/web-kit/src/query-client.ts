import { QueryClient } from "@tanstack/react-query";

/** The HTTP status of a tRPC error, if the error is one. */
export function httpStatusOf(error: unknown): number | undefined {
  const data = (error as { data?: { httpStatus?: unknown } } | null)?.data;
  return typeof data?.httpStatus === "number" ? data.httpStatus : undefined;
}

/** Retries network and server failures once; a 4xx answer will not change by asking again. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failures, error) => {
          const status = httpStatusOf(error);
          return failures < 1 && !(status !== undefined && status >= 400 && status < 500);
        },
      },
    },
  });
}
