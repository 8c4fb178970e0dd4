/**
 * apps.list/get: the apps installed in the caller's Drive. This workspace installs no
 * third-party app; the list holds the Docs editors every Workspace account has, described
 * with the fields of the `drive#app` resource (ids are this workspace's own).
 */
import { z } from 'zod';
import { defineOperation } from '../../../core/index.ts';
import { resourceNotFound } from '../errors.ts';
import { DOC_MIME, SHEET_MIME, SLIDES_MIME } from '../model.ts';

interface AppSpec {
  readonly id: string;
  readonly name: string;
  readonly objectType: string;
  readonly mimeType: string;
  readonly imports: readonly string[];
  readonly extensions: readonly string[];
  readonly path: string;
}

const EDITORS: readonly AppSpec[] = [
  { id: '100000000001', name: 'Google Docs', objectType: 'document', mimeType: DOC_MIME, imports: ['text/plain', 'text/html', 'application/rtf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'], extensions: ['doc', 'docx', 'txt', 'html', 'rtf'], path: 'document' },
  { id: '100000000002', name: 'Google Sheets', objectType: 'spreadsheet', mimeType: SHEET_MIME, imports: ['text/csv', 'text/tab-separated-values', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], extensions: ['csv', 'tsv', 'xls', 'xlsx'], path: 'spreadsheets' },
  { id: '100000000003', name: 'Google Slides', objectType: 'presentation', mimeType: SLIDES_MIME, imports: ['application/vnd.openxmlformats-officedocument.presentationml.presentation'], extensions: ['ppt', 'pptx'], path: 'presentation' },
];

/** The `drive#app` resource of an editor. */
function wireApp(a: AppSpec): Record<string, unknown> {
  const icon = (category: string) => ({ category, iconUrl: `https://drive-thirdparty.googleusercontent.com/32/type/${a.mimeType}`, size: 32 });
  return {
    kind: 'drive#app', id: a.id, name: a.name, objectType: a.objectType, shortDescription: `Create and edit ${a.objectType}s.`,
    longDescription: `${a.name} lets you create, edit and share ${a.objectType}s in Drive.`, supportsCreate: true, supportsImport: true,
    supportsMultiOpen: false, supportsOfflineCreate: true, installed: true, authorized: true, hasDriveWideScope: true, useByDefault: true,
    productId: a.id, productUrl: `https://workspace.google.com/products/${a.path === 'spreadsheets' ? 'sheets' : a.path === 'presentation' ? 'slides' : 'docs'}/`,
    primaryMimeTypes: [a.mimeType], secondaryMimeTypes: [...a.imports], primaryFileExtensions: [], secondaryFileExtensions: [...a.extensions],
    openUrlTemplate: `https://docs.google.com/${a.path}/d/{ids}/edit`, createUrl: `https://docs.google.com/${a.path}/create`,
    createInFolderTemplate: `https://docs.google.com/${a.path}/create?folder={folderId}`, icons: [icon('application'), icon('document'), icon('documentShared')],
  };
}

function matches(a: AppSpec, exts: readonly string[], types: readonly string[]): boolean {
  if (exts.length === 0 && types.length === 0) return true;
  return exts.some((e) => a.extensions.includes(e)) || types.some((t) => t === a.mimeType || a.imports.includes(t));
}

const csv = (s: string | undefined) => (s ?? '').split(',').map((x) => x.trim().toLowerCase()).filter(Boolean).slice(0, 100);

/** The app operations. */
export const appOps = [
  defineOperation({
    id: 'drive.apps.list', service: 'drive', style: 'google', kind: 'read',
    http: { method: 'GET', path: '/drive/v3/apps' },
    description: "Lists the apps installed in the caller's Drive (here the Docs editors), optionally those that open given file extensions or MIME types.",
    params: z.object({
      appFilterExtensions: z.string().optional().describe("Comma-separated file extensions, e.g. 'docx,csv': only apps that open one of them."),
      appFilterMimeTypes: z.string().optional().describe('Comma-separated MIME types: only apps that open one of them (a union with appFilterExtensions).'),
      languageCode: z.string().optional().describe('A BCP 47 language code for the descriptions.'),
    }),
    handler: (_ctx, { params: p }) => {
      const items = EDITORS.filter((a) => matches(a, csv(p.appFilterExtensions), csv(p.appFilterMimeTypes))).map(wireApp);
      return { kind: 'drive#appList', selfLink: 'https://www.googleapis.com/drive/v3/apps', defaultAppIds: EDITORS.map((a) => a.id), items };
    },
  }),
  defineOperation({
    id: 'drive.apps.get', service: 'drive', style: 'google', kind: 'read',
    http: { method: 'GET', path: '/drive/v3/apps/{appId}' },
    description: 'Gets one installed app by id (from apps.list).',
    params: z.object({ appId: z.string().min(1).describe('The ID of the app.') }),
    handler: (_ctx, { params: p }) => {
      const a = EDITORS.find((x) => x.id === p.appId);
      if (!a) throw resourceNotFound('App', p.appId, 'appId');
      return wireApp(a);
    },
  }),
];
