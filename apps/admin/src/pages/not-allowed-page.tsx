import type { CurrentUser } from "@niaga/web-kit/session";

/** Signed in, but not staff: say so plainly instead of showing empty or failing screens. */
export function NotAllowedPage({ user }: { user: CurrentUser }) {
  return (
    <section className="card" data-testid="not-allowed">
      <h1>Not allowed</h1>
      <p>
        The admin console is for Niaga administrators. You are signed in as {user.email}, whose role is {user.role}.
      </p>
      <p className="muted">Sign out and sign in with an administrator account, or ask a superadmin for access.</p>
    </section>
  );
}
