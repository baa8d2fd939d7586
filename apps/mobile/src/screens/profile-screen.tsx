import { useTRPC } from "@niaga/client/react";
import { useQuery } from "@tanstack/react-query";
import { ActivityIndicator, Pressable, Text, View } from "react-native";
import { styles } from "../ui/theme.ts";

type Props = { onSignOut: () => void };

/** The signed-in user's own profile, read through the typed tRPC client. */
export function ProfileScreen({ onSignOut }: Props) {
  const trpc = useTRPC();
  const me = useQuery(trpc.customer.me.get.queryOptions());

  return (
    <View style={styles.screen}>
      <Text style={styles.title} role="heading">
        Your profile
      </Text>
      {me.isPending ? <ActivityIndicator testID="profile-loading" /> : null}
      {me.error ? (
        <Text testID="profile-error" role="alert" style={styles.error}>
          Could not load your profile: {me.error.message}
        </Text>
      ) : null}
      {me.data ? (
        <View testID="profile">
          <Field label="Name" testID="profile-name" value={me.data.name} />
          <Field label="Email" testID="profile-email" value={me.data.email} />
          <Field label="Role" testID="profile-role" value={me.data.role} />
        </View>
      ) : null}
      <Pressable testID="sign-out" role="button" aria-label="Sign out" style={styles.button} onPress={onSignOut}>
        <Text style={styles.buttonText}>Sign out</Text>
      </Pressable>
    </View>
  );
}

function Field({ label, value, testID }: { label: string; value: string; testID: string }) {
  return (
    <>
      <Text style={styles.label}>{label}</Text>
      <Text style={styles.value} testID={testID}>
        {value}
      </Text>
    </>
  );
}
