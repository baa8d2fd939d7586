import { StyleSheet } from "react-native";

/** Shared styles for the skeleton's two screens; a design system comes later. */
export const styles = StyleSheet.create({
  screen: {
    flex: 1,
    justifyContent: "center",
    padding: 24,
    gap: 12,
    maxWidth: 420,
    width: "100%",
    alignSelf: "center",
  },
  title: { fontSize: 24, fontWeight: "600", marginBottom: 8 },
  label: { fontSize: 14, color: "#555" },
  value: { fontSize: 16, marginBottom: 8 },
  input: {
    borderWidth: 1,
    borderColor: "#ccc",
    borderRadius: 8,
    paddingHorizontal: 12,
    paddingVertical: 10,
    fontSize: 16,
  },
  button: { backgroundColor: "#0a7d4f", borderRadius: 8, paddingVertical: 12, alignItems: "center" },
  buttonDisabled: { opacity: 0.6 },
  buttonText: { color: "#fff", fontSize: 16, fontWeight: "600" },
  error: { color: "#b00020" },
});
