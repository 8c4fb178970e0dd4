/**
 * The format of bytes whose media type says nothing useful (application/octet-stream, a
 * wrong label): a PDF by its header, a docx or xlsx by the main part its zip holds. An agent
 * that uploads a PDF as "application/octet-stream" still carries the PDF's words.
 */
import { unzipSync } from 'fflate';
import type { DocumentFormat } from './spec.ts';
import { MAX_ZIP_ENTRIES } from './limits.ts';

/** PDF readers accept the header anywhere in the first kilobyte. */
const PDF_HEADER_WINDOW = 1024;

/** `pdf`, `docx` or `xlsx` by content, or undefined. Reads a zip's directory only. */
export function sniffFormat(bytes: Uint8Array): DocumentFormat | undefined {
  const head = Buffer.from(bytes.subarray(0, PDF_HEADER_WINDOW)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return undefined;
  let found: DocumentFormat | undefined;
  let seen = 0;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        if (++seen <= MAX_ZIP_ENTRIES) {
          if (f.name === 'word/document.xml') found = 'docx';
          else if (f.name === 'xl/workbook.xml') found = 'xlsx';
        }
        return false;
      },
    });
  } catch {
    return undefined;
  }
  return found;
}
