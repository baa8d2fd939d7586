import "@niaga/web-kit/base.css";
import "./styles.css";
import { mountApp } from "@niaga/web-kit/mount";
import { App } from "./app.tsx";

mountApp(<App />);
