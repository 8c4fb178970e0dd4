/** `orderBy` for files.list: comma-separated keys, each optionally followed by `desc`. */
import { invalidValue } from './access.ts';
import { FOLDER_MIME, type DriveFile } from './model.ts';

const KEYS = [
  'createdTime', 'folder', 'modifiedByMeTime', 'modifiedTime', 'name', 'name_natural', 'quotaBytesUsed',
  'recency', 'sharedWithMeTime', 'starred', 'viewedByMeTime',
] as const;

type Key = (typeof KEYS)[number];

function sortValue(f: DriveFile, key: Key): string | number {
  switch (key) {
    case 'createdTime': return f.createdTime;
    case 'folder': return f.mimeType === FOLDER_MIME ? 0 : 1;
    case 'modifiedByMeTime':
    case 'modifiedTime':
    case 'recency':
    case 'sharedWithMeTime': return f.modifiedTime;
    case 'viewedByMeTime': return f.viewedByMeTime ?? '';
    case 'name':
    case 'name_natural': return f.name.toLowerCase();
    case 'quotaBytesUsed': return f.size ?? 0;
    case 'starred': return f.starred ? 0 : 1;
  }
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * Builds a comparator for an `orderBy` value (400 for unknown keys). Ties fall back to
 * modifiedTime desc then id so pages are stable. `folder` puts folders first.
 */
export function fileComparator(orderBy: string | undefined): (a: DriveFile, b: DriveFile) => number {
  const spec = (orderBy ?? 'modifiedTime desc').split(',').map((s) => s.trim()).filter(Boolean);
  const parts = spec.map((s) => {
    const [key, dir, extra] = s.split(/\s+/);
    if (!key || !(KEYS as readonly string[]).includes(key) || extra !== undefined || (dir !== undefined && dir.toLowerCase() !== 'desc' && dir.toLowerCase() !== 'asc')) {
      throw invalidValue('orderBy', `Invalid Value`);
    }
    return { key: key as Key, desc: dir?.toLowerCase() === 'desc' };
  });
  parts.push({ key: 'modifiedTime', desc: true });
  return (a, b) => {
    for (const { key, desc } of parts) {
      const va = sortValue(a, key);
      const vb = sortValue(b, key);
      let c: number;
      if (key === 'name_natural' || key === 'name') c = collator.compare(String(va), String(vb));
      else c = va < vb ? -1 : va > vb ? 1 : 0;
      if (c !== 0) return desc ? -c : c;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}
