/**
 * A helper strip thread in the browser: receives its StripInit (shared buffers included), builds its
 * view of the shared simulation, says ready, then serves steps until told to exit (it blocks on
 * Atomics.wait, which workers may do).
 */
import type { StripInit } from "../src/sim/parallel/coordinator";
import { prepareStrip } from "../src/sim/parallel/helper";

addEventListener(
  "message",
  (e: MessageEvent<StripInit>) => {
    const strip = prepareStrip(e.data);
    postMessage("ready");
    strip.run();
    close();
  },
  { once: true },
);
