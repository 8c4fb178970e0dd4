/**
 * Limits on reading documents an agent or a task supplies: hostile bytes (a zip bomb, a
 * PDF with a million pages, a loop in its object graph) must cost a bounded amount of work
 * and end as '' rather than stall or crash a trial or the grader.
 */

/** Largest file read at all; a bigger one reads as ''. Real attachments of interest are far smaller. */
export const MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;
/** Largest sum of uncompressed sizes a docx or xlsx zip may declare. */
export const MAX_UNZIPPED_BYTES = 64 * 1024 * 1024;
/** Most entries a docx or xlsx zip may have. */
export const MAX_ZIP_ENTRIES = 2_000;
/** Pages of a PDF read; later pages are left out. */
export const MAX_PDF_PAGES = 200;
/** Sheets of a workbook read. */
export const MAX_SHEETS = 32;
/** Rows read per sheet. */
export const MAX_ROWS = 5_000;
/** Cells read per row. */
export const MAX_CELLS_PER_ROW = 100;
/** Longest text returned (characters); the rest is cut. */
export const MAX_TEXT_CHARS = 1_000_000;
/** Time one read or write may take in the content worker before it is stopped and the result is ''. */
export const CALL_TIMEOUT_MS = 10_000;
/** Time the content worker may take to start (it loads the format libraries). */
export const START_TIMEOUT_MS = 30_000;
/** Heap of the content worker: a document that needs more ends the worker, not the process. */
export const WORKER_HEAP_MB = 512;

/** Cuts `text` to MAX_TEXT_CHARS. */
export function capText(text: string): string {
  return text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) : text;
}
