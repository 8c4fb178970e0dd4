/**
 * Zip containers (docx, xlsx) made deterministic and checked before parsing. The writers
 * stamp every entry with the wall clock and write "created"/"modified" properties from it;
 * canonicalising rewrites both from one fixed date, so the same input gives the same bytes.
 * The limits check reads only the central directory (fflate's `filter` sees each entry's
 * declared sizes before anything is inflated), so a zip bomb is refused before it expands.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES } from './limits.ts';

/** The date written into documents when the spec gives none. */
export const DEFAULT_DOCUMENT_DATE = '2026-01-05T09:00:00.000Z';

/** Parts whose XML carries the document's created/modified dates. */
const CORE_PROPERTIES = 'docProps/core.xml';

/**
 * A Date whose local-time fields equal `iso`'s UTC fields: zip entries store local (DOS)
 * time and fflate reads the local fields, so this keeps the bytes the same in every time zone.
 */
function zipClock(iso: string): Date {
  const d = new Date(iso);
  return new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
}

/** Rewrites a zip with every entry dated `iso` and the core properties' dates set to it. */
export function canonicalZip(bytes: Uint8Array, iso: string): Buffer {
  const files = unzipSync(bytes);
  const stamp = `${iso.slice(0, 19)}Z`;
  const out: Zippable = {};
  for (const [name, data] of Object.entries(files)) {
    if (name === CORE_PROPERTIES) {
      const xml = strFromU8(data)
        .replace(/(<dcterms:created\b[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${stamp}$2`)
        .replace(/(<dcterms:modified\b[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${stamp}$2`);
      out[name] = strToU8(xml);
    } else out[name] = data;
  }
  return Buffer.from(zipSync(out, { level: 6, mtime: zipClock(iso) }));
}

/**
 * Why a zip may not be opened ('' when it may): too many entries, or more declared
 * uncompressed bytes than MAX_UNZIPPED_BYTES, or not a readable zip at all.
 */
export function zipProblem(bytes: Uint8Array): string {
  let entries = 0;
  let total = 0;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        entries++;
        total += f.originalSize;
        return false;
      },
    });
  } catch (e) {
    return `not a readable zip (${e instanceof Error ? e.message : String(e)})`;
  }
  if (entries > MAX_ZIP_ENTRIES) return `${entries} zip entries (at most ${MAX_ZIP_ENTRIES})`;
  if (total > MAX_UNZIPPED_BYTES) return `${total} bytes uncompressed (at most ${MAX_UNZIPPED_BYTES})`;
  return '';
}
