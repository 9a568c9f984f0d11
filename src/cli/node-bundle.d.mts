/** The URL of a bundle of `entry` (a path relative to the project root), built if its sources changed. */
export function nodeBundle(entry: string): Promise<string>;
/** Imports `entry` bundled, or through tsx when it cannot be bundled here. */
export function importBundled<T = unknown>(entry: string): Promise<T>;
