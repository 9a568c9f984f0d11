/**
 * WebM video of the run for slides: MediaRecorder on a canvas that the page redraws with every new
 * frame (the same composed picture as the PNG export). Browsers without WebM recording are told so.
 */

const TYPES = ["video/webm;codecs=vp9", "video/webm;codecs=vp8", "video/webm"];

/** The WebM type this browser can record, or null. */
export function webmType(): string | null {
  if (typeof MediaRecorder === "undefined" || typeof HTMLCanvasElement.prototype.captureStream !== "function")
    return null;
  return TYPES.find((t) => MediaRecorder.isTypeSupported(t)) ?? null;
}

export class VideoRecorder {
  private recorder: MediaRecorder | null = null;
  private chunks: Blob[] = [];

  constructor(private readonly canvas: HTMLCanvasElement) {}

  get active(): boolean {
    return this.recorder !== null;
  }

  start(type: string): void {
    if (this.recorder) return;
    const stream = this.canvas.captureStream(30);
    this.chunks = [];
    const recorder = new MediaRecorder(stream, { mimeType: type, videoBitsPerSecond: 4_000_000 });
    recorder.addEventListener("dataavailable", (e) => {
      if (e.data.size > 0) this.chunks.push(e.data);
    });
    // Deliver data every second, so a long recording does not sit in one buffer.
    recorder.start(1000);
    this.recorder = recorder;
  }

  /** Stops and hands back the whole recording. */
  stop(): Promise<Blob> {
    const recorder = this.recorder;
    if (!recorder) return Promise.resolve(new Blob([], { type: "video/webm" }));
    this.recorder = null;
    return new Promise((resolve) => {
      recorder.addEventListener("stop", () => {
        for (const t of recorder.stream.getTracks()) t.stop();
        resolve(new Blob(this.chunks, { type: recorder.mimeType || "video/webm" }));
      });
      recorder.stop();
    });
  }
}
