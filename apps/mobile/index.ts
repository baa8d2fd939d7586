import { registerRootComponent } from "expo";
import { App } from "./src/app.tsx";

// registerRootComponent calls AppRegistry.registerComponent("main") on native and mounts into #root on web.
registerRootComponent(App);
