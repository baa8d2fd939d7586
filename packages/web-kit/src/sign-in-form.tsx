import type { ReactNode } from "react";
import { FormError } from "./form-error.tsx";
import { useAuthActions } from "./session.ts";
import { TextField } from "./text-field.tsx";
import { field, useSubmit } from "./use-submit.ts";

/**
 * Email and password; on success the session query flips and the app shows the signed-in pages.
 * `children` go below the button (a link to sign up, say).
 */
export function SignInForm({ heading, children }: { heading: string; children?: ReactNode }) {
  const { signIn } = useAuthActions();
  const { error, pending, onSubmit } = useSubmit((fields) =>
    signIn(field(fields, "email").trim(), field(fields, "password")),
  );

  return (
    <form className="card" onSubmit={onSubmit}>
      <h1>{heading}</h1>
      <TextField label="Email" name="email" type="email" autoComplete="email" />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" />
      <FormError message={error} />
      <button type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
      {children}
    </form>
  );
}
