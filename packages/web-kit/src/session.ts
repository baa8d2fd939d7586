import type { RouterOutputs } from "@niaga/client";
import { useNiagaClient } from "@niaga/client/react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useAuthClient } from "./provider.tsx";
import { httpStatusOf } from "./query-client.ts";

export type CurrentUser = RouterOutputs["customer"]["me"]["get"];
/** What a new account signs up as; staff roles are only ever given by a superadmin. */
export type AccountType = "customer" | "seller";

const SESSION_KEY = ["session"] as const;

/** The signed-in user, or null when signed out: `customer.me.get`, where 401 means "nobody". */
export function useCurrentUser() {
  const client = useNiagaClient();
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: async (): Promise<CurrentUser | null> => {
      try {
        return await client.customer.me.get.query();
      } catch (error) {
        if (httpStatusOf(error) === 401) return null;
        throw error;
      }
    },
  });
}

/** An error message to show, or null when the action succeeded. */
export type ActionResult = string | null;

interface AuthError {
  message?: string | undefined;
  statusText?: string | undefined;
}

async function attempt(action: () => Promise<{ error: AuthError | null }>): Promise<ActionResult> {
  try {
    const { error } = await action();
    return error ? error.message || error.statusText || "Something went wrong. Please try again." : null;
  } catch {
    return "Could not reach Niaga. Check your connection and try again.";
  }
}

/**
 * Sign-in, sign-up and sign-out; each refreshes the session so the page follows. An app offers
 * only the ones it has forms for (the admin console has no sign-up).
 */
export function useAuthActions() {
  const authClient = useAuthClient();
  const queryClient = useQueryClient();
  const refreshSession = () => queryClient.invalidateQueries({ queryKey: SESSION_KEY });

  async function signIn(email: string, password: string): Promise<ActionResult> {
    const result = await attempt(() => authClient.signIn.email({ email, password }));
    if (result === null) await refreshSession();
    return result;
  }

  async function signUp(input: {
    name: string;
    email: string;
    password: string;
    accountType: AccountType;
  }): Promise<ActionResult> {
    const result = await attempt(() => authClient.signUp.email(input));
    if (result === null) await refreshSession();
    return result;
  }

  async function signOut(): Promise<ActionResult> {
    const result = await attempt(() => authClient.signOut());
    if (result === null) {
      // Show the sign-in page at once, and keep nothing of the previous user in memory.
      queryClient.setQueryData(SESSION_KEY, null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
    }
    return result;
  }

  return { signIn, signUp, signOut };
}
