import { niagaTestConfig } from "@niaga/testing/vitest-config";

export default niagaTestConfig();
