import type { Role } from "@niaga/contracts";
import type { Auth } from "./auth.ts";

/**
 * Creates a verified account with an email-and-password login, bypassing sign-up's rules:
 * for superadmins creating staff and for the demo seed. Throws if the email is taken.
 */
export async function createUserWithPassword(
  auth: Auth,
  params: { email: string; name: string; password: string; role: Role },
): Promise<{ id: string; email: string }> {
  const context = await auth.$context;
  const email = params.email.toLowerCase();
  const hash = await context.password.hash(params.password);
  const user = await context.internalAdapter.createUser(
    {
      email,
      name: params.name,
      emailVerified: true,
      role: params.role,
    },
    { method: "admin" },
  );
  await context.internalAdapter.linkAccount({
    userId: user.id,
    providerId: "credential",
    accountId: user.id,
    password: hash,
  });
  return { id: user.id, email: user.email };
}
