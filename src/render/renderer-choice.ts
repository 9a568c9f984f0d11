/** Which Pixi renderer draws the tissue: WebGL on a real GPU, canvas 2D under software WebGL. */

export const RENDERERS = ["auto", "webgl", "canvas"] as const;
export type RendererChoice = (typeof RENDERERS)[number];

/**
 * WebGL when the GPU does the work; otherwise Pixi's canvas-2D renderer. Under software WebGL
 * (SwiftShader, llvmpipe: headless CI, some school machines) every frame's read-back blocked the
 * main thread for 100–400 ms at 700² px, while canvas 2D drew the same view at display rate.
 */
export function chooseRenderer(choice: RendererChoice): "webgl" | "canvas" {
  if (choice !== "auto") return choice;
  const probe = document.createElement("canvas");
  const gl = (probe.getContext("webgl2", { failIfMajorPerformanceCaveat: true }) ??
    probe.getContext("webgl", { failIfMajorPerformanceCaveat: true })) as WebGLRenderingContext | null;
  if (!gl) return "canvas";
  // Chromium with --disable-gpu still offers SwiftShader WebGL without the caveat flag; ask its name.
  const info = gl.getExtension("WEBGL_debug_renderer_info");
  const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension("WEBGL_lose_context")?.loseContext();
  return SOFTWARE_GL.test(name) ? "canvas" : "webgl";
}

const SOFTWARE_GL = /swiftshader|llvmpipe|softpipe|software|basic render/i;
