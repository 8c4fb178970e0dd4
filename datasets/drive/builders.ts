/** Building blocks of the base drive generator: shared run state, timestamps, folder and file makers. */
import type { Rng, Workspace } from '../../harness/core/index.ts';
import { createDriveFileRecord } from '../../harness/services/drive/file-record.ts';
import { FOLDER_MIME, type DriveFile } from '../../harness/services/drive/model.ts';
import type { Company, Person } from '../company/company.ts';
import { MIME_BY_EXT, SIZE_BY_EXT } from './catalogue.ts';
import { textContent } from './content.ts';

/** One day in milliseconds. */
export const DAY = 86_400_000;

/** Shared state of one generation run. */
export interface DriveGen {
  readonly ws: Workspace;
  readonly company: Company;
  readonly rng: Rng;
  readonly nowMs: number;
  /** Folder ids by path ('Finance', 'Finance/Payroll'). */
  readonly folders: Map<string, string>;
  /** Files created, for comments and revisions. */
  readonly files: DriveFile[];
}

/** An ISO time `daysAgo` (plus some hours) before now. */
export function ago(g: DriveGen, minDays: number, maxDays: number): string {
  return new Date(g.nowMs - g.rng.int(minDays, maxDays) * DAY - g.rng.int(0, 9) * 3_600_000 - g.rng.int(0, 59) * 60_000).toISOString();
}

/** Creates a folder (silently: base data has no change feed). */
export function makeFolder(g: DriveGen, name: string, owner: Person, parentId: string, createdTime: string): DriveFile {
  return createDriveFileRecord(g.ws, { name, mimeType: FOLDER_MIME, ownerEmail: owner.email, parents: [parentId], createdTime, modifiedTime: createdTime, silent: true });
}

/** Creates a file with a plausible size or text content, timestamps, star and trash flags. */
export function makeFile(g: DriveGen, name: string, owner: Person, parentId: string, opts: { modifiedTime?: string; trashed?: boolean; starred?: boolean; content?: string; description?: string } = {}): DriveFile {
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  const mimeType = MIME_BY_EXT[ext] ?? 'application/octet-stream';
  const modifiedTime = opts.modifiedTime ?? ago(g, 1, 180);
  const createdTime = new Date(Date.parse(modifiedTime) - g.rng.int(0, 45) * DAY).toISOString();
  const isText = mimeType.startsWith('text/');
  const range = SIZE_BY_EXT[ext] ?? [10_000, 200_000];
  const f = createDriveFileRecord(g.ws, {
    name, mimeType, ownerEmail: owner.email, parents: [parentId], createdTime, modifiedTime, silent: true,
    ...(isText ? { content: opts.content ?? textContent(g.rng, name, mimeType, g.company) } : { size: g.rng.int(range[0], range[1]) }),
    starred: opts.starred ?? g.rng.chance(0.07), trashed: opts.trashed ?? g.rng.chance(0.015),
    ...(opts.description ? { description: opts.description } : {}),
  });
  g.files.push(f);
  return f;
}

