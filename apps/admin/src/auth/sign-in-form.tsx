import { FormError } from "../components/form-error.tsx";
import { TextField } from "../components/text-field.tsx";
import { field, useSubmit } from "../components/use-submit.ts";
import { useAuthActions } from "./session.ts";

/** Staff sign-in. Accounts are created by a superadmin, so there is no sign-up here. */
export function SignInForm() {
  const { signIn } = useAuthActions();
  const { error, pending, onSubmit } = useSubmit((fields) =>
    signIn(field(fields, "email").trim(), field(fields, "password")),
  );

  return (
    <main className="page narrow">
      <form className="card" onSubmit={onSubmit}>
        <h1>Niaga Admin</h1>
        <TextField label="Email" name="email" type="email" autoComplete="email" />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" />
        <FormError message={error} />
        <button type="submit" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
