// Helper threads start without the main thread's tsx loader: register it, then load the TypeScript body.
import { register } from "tsx/esm/api";

register();
await import("./solver-strip.ts");
