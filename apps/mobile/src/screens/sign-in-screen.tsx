import { useState } from "react";
import { Pressable, Text, TextInput, View } from "react-native";
import { styles } from "../ui/theme.ts";

type Props = {
  /** Resolves to an error message to show, or null when sign-in succeeded. */
  onSignIn: (email: string, password: string) => Promise<string | null>;
};

/** Email + password form. testIDs become data-testid on web, so the browser test finds fields by them. */
export function SignInScreen({ onSignIn }: Props) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit() {
    setPending(true);
    setError(null);
    const message = await onSignIn(email.trim(), password);
    // On success this screen unmounts, so only failures touch state again.
    if (message !== null) {
      setError(message);
      setPending(false);
    }
  }

  return (
    <View style={styles.screen}>
      <Text style={styles.title} role="heading">
        Sign in to Niaga
      </Text>
      <TextInput
        testID="sign-in-email"
        aria-label="Email"
        placeholder="Email"
        style={styles.input}
        value={email}
        onChangeText={setEmail}
        autoCapitalize="none"
        autoComplete="email"
        inputMode="email"
      />
      <TextInput
        testID="sign-in-password"
        aria-label="Password"
        placeholder="Password"
        style={styles.input}
        value={password}
        onChangeText={setPassword}
        secureTextEntry
        autoComplete="current-password"
        onSubmitEditing={() => void submit()}
      />
      {error === null ? null : (
        <Text testID="sign-in-error" role="alert" style={styles.error}>
          {error}
        </Text>
      )}
      <Pressable
        testID="sign-in-submit"
        role="button"
        aria-label="Sign in"
        aria-disabled={pending}
        disabled={pending || email === "" || password === ""}
        style={[styles.button, pending && styles.buttonDisabled]}
        onPress={() => void submit()}
      >
        <Text style={styles.buttonText}>{pending ? "Signing in…" : "Sign in"}</Text>
      </Pressable>
    </View>
  );
}
