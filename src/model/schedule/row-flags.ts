/**
 * Per-row markers (scratch.rowFlags, one byte per row) that let rare events skip quiet rows: a pass
 * that may create work sets its bit for the row, the pass that does the work skips rows without it.
 * Cleared for a strip's own rows at the start of the own-site phase; each bit is written by one
 * phase and read after the next barrier, so a split lattice sees the same flags.
 */
/** A hepatocyte died by necrosis in this row (collapseNecrotic). */
export const ROW_NECROTIC = 1;
/** A site of this row proposed a birth or move (placeBirths looks at rows y − 1 … y + 1). */
export const ROW_INTENT = 2;
/** A sprout was marked in this row (applySprouts). */
export const ROW_SPROUT = 4;
