import { FormError } from "@niaga/web-kit/form-error";
import type { AccountType } from "@niaga/web-kit/session";
import { useAuthActions } from "@niaga/web-kit/session";
import { TextField } from "@niaga/web-kit/text-field";
import { field, useSubmit } from "@niaga/web-kit/use-submit";

const ACCOUNT_TYPES: { value: AccountType; label: string }[] = [
  { value: "customer", label: "Customer: I want to shop" },
  { value: "seller", label: "Seller: I want to open a store" },
];

/** Creates a customer or seller account and signs it in. */
export function SignUpForm({ onSignIn }: { onSignIn: () => void }) {
  const { signUp } = useAuthActions();
  const { error, pending, onSubmit } = useSubmit((fields) =>
    signUp({
      name: field(fields, "name").trim(),
      email: field(fields, "email").trim(),
      password: field(fields, "password"),
      accountType: field(fields, "accountType") === "seller" ? "seller" : "customer",
    }),
  );

  return (
    <form className="card" onSubmit={onSubmit}>
      <h1>Create your Niaga account</h1>
      <TextField label="Name" name="name" autoComplete="name" maxLength={100} />
      <TextField label="Email" name="email" type="email" autoComplete="email" />
      <TextField label="Password" name="password" type="password" autoComplete="new-password" minLength={10} />
      <fieldset className="choices">
        <legend>I am signing up as</legend>
        {ACCOUNT_TYPES.map((type) => (
          <label key={type.value}>
            <input type="radio" name="accountType" value={type.value} defaultChecked={type.value === "customer"} />
            {type.label}
          </label>
        ))}
      </fieldset>
      <FormError message={error} />
      <button type="submit" disabled={pending}>
        {pending ? "Creating account…" : "Create account"}
      </button>
      <p className="muted">
        Already have an account?{" "}
        <button type="button" className="link" onClick={onSignIn}>
          Sign in
        </button>
      </p>
    </form>
  );
}
