/**
 * The Pixi v8 tissue view: ONE texture holds the whole lattice (one texel per site, nearest-neighbour
 * scaling), re-uploaded when a new frame arrives. Drawing happens in requestAnimationFrame, at most
 * once per display frame and only when something changed (a frame, zoom, pan, resize): a continuous
 * ticker would burn CPU the simulation worker needs, above all under software WebGL.
 * The simulated day and a µm scale bar are drawn on the view.
 * Close-up: from CLOSE_UP_ZOOM screen pixels per site, a second sprite shows the visible window
 * composed at tile resolution (cells drawn as shapes, see close-up-composer.ts) over the first; it
 * is recomposed only when the frame, the stain or the window changes (the window carries a margin,
 * so small pans reuse it), and the one-texel-per-site sprite is not drawn meanwhile.
 */
import {
  Application,
  BufferImageSource,
  CanvasSource,
  Container,
  Graphics,
  Sprite,
  Text,
  Texture,
  type TextureSource,
} from "pixi.js";
import { chooseRenderer, type RendererChoice } from "./renderer-choice";
import { chooseScaleBar } from "./scale-bar";

/** Zoom (screen px per site) and the screen position of the section's corner: shared between linked panes. */
export interface ViewTransform {
  zoom: number;
  x: number;
  y: number;
  userMoved: boolean;
}

/** Supplies the close-up picture of a window of sites (close-up-composer.ts behind it). */
export interface CloseUpSource {
  /** RGBA of sites [x0, x0 + w) × [y0, y0 + h) at `tile` px per site; the same buffer while the size stays. */
  compose(x0: number, y0: number, w: number, h: number, tile: number): Uint8Array;
}

/** Screen pixels per site from which cells are drawn as shapes. */
export const CLOSE_UP_ZOOM = 6;
/** Largest close-up texture edge (px), within every WebGL implementation's limit. */
const MAX_CLOSE_UP_PX = 4096;

export interface TissueView {
  readonly canvas: HTMLCanvasElement;
  /** The Pixi renderer in use. */
  readonly renderer: "webgl" | "canvas";
  /** Shows an RGBA image of width × height sites. Pass the same buffer again after repainting it. */
  setImage(rgba: Uint8Array, width: number, height: number): void;
  setDay(label: string): void;
  /** Edge length of one site in µm (parameter simulation.site_size). */
  setSiteSize(micrometres: number): void;
  setHighContrast(on: boolean): void;
  /** Where the close-up comes from (null: squares at every zoom). */
  setCloseUp(source: CloseUpSource | null): void;
  /** The close-up must be composed again (stain or overlay changed without a new image). */
  invalidateCloseUp(): void;
  /** Is the close-up on screen, and its window in sites and tile size (for tests and the perf probe). */
  closeUpState(): { shown: boolean; window: [number, number, number, number]; tile: number; composeMs: number };
  /** Zoom in screen pixels per site. */
  readonly zoom: number;
  zoomBy(factor: number, screenX?: number, screenY?: number): void;
  fit(): void;
  /** Called after the user (or fit) moved this view, so linked panes can follow. */
  onViewChange(listener: (t: ViewTransform) => void): void;
  /** Follows another pane's zoom and pan (does not call the listener back). */
  setViewTransform(t: ViewTransform): void;
  /** A click (not a drag) on the tissue: the site under the pointer. */
  onSiteClick(listener: (x: number, y: number) => void): void;
  /** The site at the centre of the view (for the keyboard's *Follow*), or null off the section. */
  centreSite(): { x: number; y: number } | null;
  /** Moves the view (same zoom) so this site is at its centre. */
  centreOn(x: number, y: number): void;
  /** Rings a site (the followed cell), or removes the ring. */
  setMarker(site: { x: number; y: number } | null): void;
  destroy(): void;
}

const MIN_ZOOM_OF_FIT = 0.5;
const MAX_PIXELS_PER_SITE = 48;
const HUD_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

export async function createTissueView(
  host: HTMLElement,
  ariaLabel: string,
  renderer: RendererChoice = "auto",
): Promise<TissueView> {
  const app = new Application();
  const preference = chooseRenderer(renderer);
  await app.init({
    resizeTo: host,
    background: "#2b2b2b",
    antialias: false,
    preference,
    autoDensity: true,
    resolution: Math.min(2, window.devicePixelRatio || 1),
    autoStart: false,
  });
  app.ticker.stop();
  let renderQueued = false;
  const requestRender = () => {
    if (renderQueued) return;
    renderQueued = true;
    requestAnimationFrame(() => {
      renderQueued = false;
      updateCloseUp();
      app.render();
    });
  };
  const canvas = app.canvas;
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", ariaLabel);
  canvas.classList.add("tissue-canvas");
  host.append(canvas);

  const world = new Container();
  const sprite = new Sprite();
  const closeSprite = new Sprite();
  closeSprite.visible = false;
  const marker = new Graphics();
  world.addChild(sprite, closeSprite, marker);
  let markerSite: { x: number; y: number } | null = null;
  const hud = new Container();
  const dayBox = new Graphics();
  const dayText = new Text({
    text: "",
    style: { fontFamily: HUD_FONT, fontSize: 16, fontWeight: "600", fill: 0xffffff },
  });
  const bar = new Graphics();
  const barText = new Text({ text: "", style: { fontFamily: HUD_FONT, fontSize: 13, fill: 0xffffff } });
  hud.addChild(dayBox, dayText, bar, barText);
  app.stage.addChild(world, hud);

  let source: TextureSource | null = null;
  let image: Uint8Array | null = null;
  /** Copies the RGBA buffer into the texture's canvas (canvas renderer only). */
  let refresh: (() => void) | null = null;
  /**
   * WebGL uploads the RGBA buffer itself. Pixi's canvas renderer caches a buffer source's pixels
   * until the resource object changes, so there the buffer is put into a 2-D canvas (no copy in JS:
   * the ImageData wraps the same bytes) and the canvas is the texture.
   */
  const makeSource = (
    rgba: Uint8Array,
    width: number,
    height: number,
    scaleMode: "nearest" | "linear" = "nearest",
  ): { source: TextureSource; refresh: (() => void) | null } => {
    if (preference === "webgl") {
      const source = new BufferImageSource({
        resource: rgba,
        width,
        height,
        format: "rgba8unorm",
        scaleMode,
        autoGenerateMipmaps: false,
      });
      return { source, refresh: null };
    }
    const pixels = document.createElement("canvas");
    pixels.width = width;
    pixels.height = height;
    const ctx = pixels.getContext("2d");
    if (!ctx) throw new Error("no 2-D canvas context");
    const data = new ImageData(
      new Uint8ClampedArray(rgba.buffer as ArrayBuffer, rgba.byteOffset, width * height * 4),
      width,
      height,
    );
    const put = () => ctx.putImageData(data, 0, 0);
    put();
    return { source: new CanvasSource({ resource: pixels, scaleMode, autoGenerateMipmaps: false }), refresh: put };
  };
  let texture: Texture | null = null;
  let imageW = 0;
  let imageH = 0;
  let siteUm = 20;
  let zoom = 1;
  let userMoved = false;
  let highContrast = false;
  let viewListener: ((t: ViewTransform) => void) | null = null;
  const emitView = () => viewListener?.({ zoom, x: world.x, y: world.y, userMoved });

  const viewW = () => app.renderer.width / app.renderer.resolution;
  const viewH = () => app.renderer.height / app.renderer.resolution;
  const fitZoom = () => (imageW && imageH ? Math.min(viewW() / imageW, viewH() / imageH) : 1);

  /** The ring keeps a constant screen width (3 px), whatever the zoom. */
  const drawMarker = () => {
    marker.clear();
    if (!markerSite) return;
    const r = Math.max(0.9, 9 / zoom);
    const cx = markerSite.x + 0.5;
    const cy = markerSite.y + 0.5;
    marker
      .circle(cx, cy, r)
      .stroke({ width: 5 / zoom, color: 0x000000, alpha: 0.8 })
      .circle(cx, cy, r)
      .stroke({ width: 2.5 / zoom, color: 0xffff00 });
  };

  // ---- close-up
  let closeSource: CloseUpSource | null = null;
  let closeDirty = true;
  let closeTexture: Texture | null = null;
  let closeBuffer: Uint8Array | null = null;
  let closeTextureSource: TextureSource | null = null;
  let closeRefresh: (() => void) | null = null;
  /** Composed window: x0, y0, w, h in sites, and its tile size. */
  let closeWindow: [number, number, number, number] = [0, 0, 0, 0];
  let closeTile = 0;
  let composeMs = 0;

  function updateCloseUp(): void {
    if (!closeSource || zoom < CLOSE_UP_ZOOM || !imageW) {
      closeSprite.visible = false;
      sprite.visible = true;
      return;
    }
    // Tile size: about the screen pixels per site (device pixels), 8, 16 or 32.
    const devicePx = zoom * app.renderer.resolution;
    let tile = devicePx >= 24 ? 32 : devicePx >= 12 ? 16 : 8;
    const vx0 = Math.max(0, Math.floor(-world.x / zoom));
    const vy0 = Math.max(0, Math.floor(-world.y / zoom));
    const vx1 = Math.min(imageW, Math.ceil((viewW() - world.x) / zoom));
    const vy1 = Math.min(imageH, Math.ceil((viewH() - world.y) / zoom));
    if (vx1 <= vx0 || vy1 <= vy0) {
      closeSprite.visible = false;
      sprite.visible = true;
      return;
    }
    const [cx, cy, cw, ch] = closeWindow;
    const inside = vx0 >= cx && vy0 >= cy && vx1 <= cx + cw && vy1 <= cy + ch;
    if (closeDirty || !inside || tile !== closeTile) {
      // A margin of an eighth of the view on each side, so small pans need no new picture.
      const mx = Math.ceil((vx1 - vx0) / 8);
      const my = Math.ceil((vy1 - vy0) / 8);
      let x0 = Math.max(0, vx0 - mx);
      let y0 = Math.max(0, vy0 - my);
      let w = Math.min(imageW, vx1 + mx) - x0;
      let h = Math.min(imageH, vy1 + my) - y0;
      while (Math.max(w, h) * tile > MAX_CLOSE_UP_PX && tile > 8) tile /= 2;
      if (w * tile > MAX_CLOSE_UP_PX || h * tile > MAX_CLOSE_UP_PX) {
        x0 = vx0;
        y0 = vy0;
        w = Math.min(vx1 - vx0, Math.floor(MAX_CLOSE_UP_PX / tile));
        h = Math.min(vy1 - vy0, Math.floor(MAX_CLOSE_UP_PX / tile));
      }
      const t0 = performance.now();
      const rgba = closeSource.compose(x0, y0, w, h, tile);
      const pxW = w * tile;
      const pxH = h * tile;
      const scaleMode = devicePx >= tile ? "nearest" : "linear";
      if (
        !closeTextureSource ||
        rgba !== closeBuffer ||
        closeTextureSource.pixelWidth !== pxW ||
        closeTextureSource.pixelHeight !== pxH
      ) {
        closeTexture?.destroy(true);
        ({ source: closeTextureSource, refresh: closeRefresh } = makeSource(rgba, pxW, pxH, scaleMode));
        closeTexture = new Texture({ source: closeTextureSource });
        closeSprite.texture = closeTexture;
        closeBuffer = rgba;
      } else {
        closeRefresh?.();
        closeTextureSource.scaleMode = scaleMode;
        closeTextureSource.update();
      }
      composeMs = performance.now() - t0;
      closeWindow = [x0, y0, w, h];
      closeTile = tile;
      closeDirty = false;
      closeSprite.position.set(x0, y0);
      closeSprite.scale.set(1 / tile);
    }
    closeSprite.visible = true;
    // Hidden under the close-up, unless the close-up had to be cut to the texture size limit.
    const [wx, wy, ww, wh] = closeWindow;
    sprite.visible = !(wx <= vx0 && wy <= vy0 && wx + ww >= vx1 && wy + wh >= vy1);
  }

  const layoutHud = () => {
    drawMarker();
    const pad = 8;
    const boxFill = highContrast ? 0x000000 : 0x1a1a1a;
    dayText.position.set(pad + 6, pad + 4);
    dayBox
      .clear()
      .roundRect(pad, pad, dayText.width + 12, dayText.height + 8, 4)
      .fill({ color: boxFill, alpha: highContrast ? 1 : 0.75 });
    const sb = chooseScaleBar(zoom / siteUm);
    const y = viewH() - pad - 10;
    barText.text = sb.label;
    barText.position.set(pad + 6, y - barText.height - 8);
    bar
      .clear()
      .roundRect(pad, y - barText.height - 12, Math.max(sb.pixels, barText.width) + 12, barText.height + 26, 4)
      .fill({ color: boxFill, alpha: highContrast ? 1 : 0.75 })
      .rect(pad + 6, y, sb.pixels, 5)
      .fill(0xffffff);
    requestRender();
  };

  const applyZoom = (next: number, sx: number, sy: number) => {
    const f = fitZoom();
    next = Math.min(Math.max(next, f * MIN_ZOOM_OF_FIT), Math.max(f, MAX_PIXELS_PER_SITE));
    // Keep the tissue point under (sx, sy) in place.
    const wx = (sx - world.x) / zoom;
    const wy = (sy - world.y) / zoom;
    zoom = next;
    world.scale.set(zoom);
    world.position.set(sx - wx * zoom, sy - wy * zoom);
    layoutHud();
    emitView();
  };

  const fitToView = () => {
    zoom = fitZoom();
    world.scale.set(zoom);
    world.position.set((viewW() - imageW * zoom) / 2, (viewH() - imageH * zoom) / 2);
    userMoved = false;
    layoutHud();
    emitView();
  };

  app.renderer.on("resize", () => (userMoved ? layoutHud() : fitToView()));

  canvas.addEventListener(
    "wheel",
    (e) => {
      e.preventDefault();
      const r = canvas.getBoundingClientRect();
      userMoved = true;
      applyZoom(zoom * Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
    },
    { passive: false },
  );
  let drag: { x: number; y: number; id: number } | null = null;
  let press: { x: number; y: number } | null = null;
  let clickListener: ((x: number, y: number) => void) | null = null;
  canvas.addEventListener("pointerdown", (e) => {
    drag = { x: e.clientX, y: e.clientY, id: e.pointerId };
    press = { x: e.clientX, y: e.clientY };
    canvas.setPointerCapture(e.pointerId);
  });
  canvas.addEventListener("pointerup", (e) => {
    // A click, not the end of a drag: the pointer stayed within a few pixels.
    if (!press || Math.hypot(e.clientX - press.x, e.clientY - press.y) > 4) return;
    press = null;
    const r = canvas.getBoundingClientRect();
    const x = Math.floor((e.clientX - r.left - world.x) / zoom);
    const y = Math.floor((e.clientY - r.top - world.y) / zoom);
    if (x >= 0 && y >= 0 && x < imageW && y < imageH) clickListener?.(x, y);
  });
  canvas.addEventListener("pointermove", (e) => {
    if (!drag || drag.id !== e.pointerId) return;
    world.position.set(world.x + e.clientX - drag.x, world.y + e.clientY - drag.y);
    drag.x = e.clientX;
    drag.y = e.clientY;
    userMoved = true;
    requestRender();
    emitView();
  });
  const endDrag = (e: PointerEvent) => {
    if (drag?.id === e.pointerId) drag = null;
  };
  canvas.addEventListener("pointerup", endDrag);
  canvas.addEventListener("pointercancel", endDrag);
  canvas.addEventListener("dblclick", () => fitToView());

  return {
    canvas,
    renderer: preference,
    setImage(rgba, width, height) {
      if (!source || width !== imageW || height !== imageH || image !== rgba) {
        texture?.destroy(true);
        ({ source, refresh } = makeSource(rgba, width, height));
        texture = new Texture({ source });
        sprite.texture = texture;
        const sizeChanged = width !== imageW || height !== imageH;
        image = rgba;
        imageW = width;
        imageH = height;
        if (sizeChanged || !userMoved) fitToView();
      } else {
        refresh?.();
        source.update();
      }
      closeDirty = true;
      requestRender();
    },
    setDay(label) {
      if (dayText.text !== label) {
        dayText.text = label;
        layoutHud();
      }
    },
    setSiteSize(micrometres) {
      siteUm = micrometres;
      layoutHud();
    },
    setHighContrast(on) {
      highContrast = on;
      layoutHud();
    },
    setCloseUp(src) {
      closeSource = src;
      closeDirty = true;
      requestRender();
    },
    invalidateCloseUp() {
      closeDirty = true;
      requestRender();
    },
    closeUpState() {
      return { shown: closeSprite.visible, window: closeWindow, tile: closeTile, composeMs };
    },
    get zoom() {
      return zoom;
    },
    zoomBy(factor, sx = viewW() / 2, sy = viewH() / 2) {
      userMoved = true;
      applyZoom(zoom * factor, sx, sy);
    },
    fit: fitToView,
    onViewChange(listener) {
      viewListener = listener;
    },
    setViewTransform(t) {
      zoom = t.zoom;
      userMoved = t.userMoved;
      world.scale.set(zoom);
      world.position.set(t.x, t.y);
      layoutHud();
    },
    onSiteClick(listener) {
      clickListener = listener;
    },
    centreSite() {
      const x = Math.floor((viewW() / 2 - world.x) / zoom);
      const y = Math.floor((viewH() / 2 - world.y) / zoom);
      return x >= 0 && y >= 0 && x < imageW && y < imageH ? { x, y } : null;
    },
    centreOn(x, y) {
      world.position.set(viewW() / 2 - (x + 0.5) * zoom, viewH() / 2 - (y + 0.5) * zoom);
      userMoved = true;
      layoutHud();
      emitView();
    },
    setMarker(site) {
      markerSite = site;
      drawMarker();
      requestRender();
    },
    destroy() {
      app.destroy(true, { children: true, texture: true });
    },
  };
}
