/** Picks a round scale-bar length (1, 2 or 5 × 10ⁿ µm) that spans a readable number of pixels. */

export interface ScaleBar {
  micrometres: number;
  pixels: number;
  label: string;
}

/**
 * @param pixelsPerMicrometre current zoom: screen pixels per µm of tissue
 * @param targetPixels preferred bar length on screen
 */
export function chooseScaleBar(pixelsPerMicrometre: number, targetPixels = 120): ScaleBar {
  const wanted = targetPixels / pixelsPerMicrometre;
  const decade = 10 ** Math.floor(Math.log10(wanted));
  let best = decade;
  for (const m of [1, 2, 5, 10]) if (m * decade <= wanted) best = m * decade;
  const micrometres = best;
  const label = micrometres >= 1000 ? `${micrometres / 1000} mm` : `${micrometres} µm`;
  return { micrometres, pixels: micrometres * pixelsPerMicrometre, label };
}
