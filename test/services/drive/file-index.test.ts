/**
 * The indexed files.list answers exactly as the scan of every file does: the same files in
 * the same order for every caller, query, order and corpus, over the real base drive with
 * shared drives added, before and after a trial's random writes (creates, moves, trash,
 * renames, deletes, permission grants and removals on folders, files and shared drives,
 * expiring grants and the clock passing them), after a rollback, and page by page through
 * files.list once the policy indexes the base.
 */
import { describe, expect, it } from 'vitest';
import { baseWorkspace, companyFor } from '../../../datasets/base-workspace.ts';
import { createRng, type Workspace, type WorkspaceBase } from '../../../harness/core/index.ts';
import { createWorkspace } from '../../../harness/services/workspace.ts';
import { descendantIds, effectiveRole, principalOf } from '../../../harness/services/drive/access.ts';
import { folderDescendants } from '../../../harness/services/drive/descendants.ts';
import { createEmptyWorkspace } from '../../../harness/services/workspace.ts';
import { FOUND, searchVisibility } from '../../../harness/services/drive/search-visibility.ts';
import { permissionKey } from '../../../harness/services/drive/model.ts';
import { buildFileIndex, fileIndexOf } from '../../../harness/services/drive/file-index.ts';
import { indexedFiles, scanFiles, type FileSearch } from '../../../harness/services/drive/file-search.ts';
import { FOLDER_MIME, type DriveFile, type DrivePermission } from '../../../harness/services/drive/model.ts';
import { rootFolderId } from '../../../harness/services/drive/ops/common.ts';
import { parseQuery } from '../../../harness/services/drive/query/parse.ts';
import { buildPermissionIndex } from '../../../harness/services/drive/render.ts';
import { scanPermissionIndex } from '../../../harness/services/drive/holder-permissions.ts';
import { SCANS_BEFORE_INDEX } from '../../../harness/services/index-policy.ts';

const company = companyFor(1);
const OWNER = company.owner.email;
const PEOPLE = [OWNER, ...company.employees.filter((p) => p.email !== OWNER).slice(0, 3).map((p) => p.email), 'kenji@meridianconsult.co'];
const as = (principal: string) => ({ face: 'tool' as const, auth: { principal, tokenKind: 'user' as const } });

function files(ws: Workspace): DriveFile[] {
  return [...ws.collection<DriveFile>('drive.files').values()];
}

function ok<T>(r: { ok: boolean; value?: unknown; error?: unknown }): T {
  if (!r.ok) throw r.error;
  return r.value as T;
}

/** The base drive plus two shared drives with folders, files and members, flattened into a new base. */
function baseWithSharedDrives(): WorkspaceBase {
  const ws = createWorkspace(baseWorkspace(1));
  for (const [n, member] of [[1, PEOPLE[1]!], [2, PEOPLE[4]!]] as const) {
    const d = ok<{ id: string }>(ws.invoke('drive.drives.create', { requestId: `r${n}`, requestBody: { name: `Team ${n}` } }, as(OWNER)));
    ok(ws.invoke('drive.permissions.create', { fileId: d.id, supportsAllDrives: true, requestBody: { type: 'user', role: 'reader', emailAddress: member } }, as(OWNER)));
    const folder = ok<{ id: string }>(ws.invoke('drive.files.create', { supportsAllDrives: true, requestBody: { name: `Plans ${n}`, mimeType: FOLDER_MIME, parents: [d.id] } }, as(OWNER)));
    for (let i = 0; i < 6; i++) {
      ws.invoke('drive.files.create', { supportsAllDrives: true, requestBody: { name: `plan ${n}.${i}.txt`, parents: [i % 2 ? folder.id : d.id] }, media: { mimeType: 'text/plain', body: `plan ${i}` } }, as(OWNER));
    }
  }
  // Grants that expire an hour in: the base's view must decide what they reach at each call.
  const tops = files(ws).filter((f) => f.mimeType === FOLDER_MIME && f.parents[0]?.endsWith('Uk9PVA'));
  for (const [top, who] of [[tops[0]!, PEOPLE[4]!], [tops[1]!, PEOPLE[3]!]] as const) {
    const expirationTime = new Date(ws.nowMs() + 3_600_000).toISOString();
    ok(ws.invoke('drive.permissions.create', { fileId: top.id, requestBody: { type: 'user', role: 'reader', emailAddress: who, expirationTime } }, as(top.ownerEmail)));
  }
  return ws.toBase();
}

function queries(ws: Workspace): Array<string | undefined> {
  const all = files(ws);
  const folders = all.filter((f) => f.mimeType === FOLDER_MIME).slice(0, 4).map((f) => f.id);
  return [
    undefined, 'trashed = false', "name contains 'plan' and trashed = false", "name contains 'q3'", "name contains 'Budget'",
    "name contains '-draft'", "name contains 'plan 1.'", "name = 'Reading list.md'", "'root' in parents", ...folders.map((id) => `'${id}' in parents and trashed = false`),
    "'me' in owners", `'${PEOPLE[2]}' in owners or starred = true`, `mimeType = '${FOLDER_MIME}'`, `mimeType != '${FOLDER_MIME}' and starred = true`,
    'sharedWithMe', 'sharedWithMe and trashed = false', 'starred = true', 'trashed = true', 'not trashed = true and starred != true',
    "visibility = 'anyoneWithLink' or name contains 'plan'", "not name contains 'plan' and modifiedTime > '2026-01-01T00:00:00Z'",
    `'${PEOPLE[1]}' in writers and name contains 'notes'`, "fullText contains 'renewal'", "name contains 'plan' and mimeType = 'text/plain'",
  ];
}

const ORDERS = [undefined, 'modifiedTime desc', 'recency desc', 'name', 'folder,modifiedTime desc,name', 'createdTime'];
const CORPORA: Array<Pick<FileSearch, 'corpora' | 'driveId' | 'allDrives'>> = [
  { corpora: 'user', driveId: undefined, allDrives: false },
  { corpora: 'allDrives', driveId: undefined, allDrives: true },
];

function searches(ws: Workspace): FileSearch[] {
  const drives = [...ws.collection<{ id: string }>('drive.drives').values()].map((d) => d.id);
  const out: FileSearch[] = [];
  const qs = queries(ws);
  for (const email of PEOPLE) {
    const who = principalOf(email);
    const root = rootFolderId(email);
    for (const q of qs) {
      const node = q === undefined ? undefined : parseQuery(q.replace("'root'", `'${root}'`));
      for (const c of CORPORA) out.push({ node, who, orderBy: undefined, ...c, needed: Infinity });
      out.push({ node, who, orderBy: undefined, corpora: 'drive', driveId: drives[0], allDrives: true, needed: Infinity });
    }
    for (const orderBy of ORDERS) {
      for (const q of ["name contains 'plan' or starred = true", "name contains 'plan' and trashed = false", `mimeType != '${FOLDER_MIME}'`]) {
        out.push({ node: parseQuery(q), who, orderBy, corpora: 'allDrives', driveId: undefined, allDrives: true, needed: Infinity });
      }
    }
  }
  return out;
}

function expectSame(ws: Workspace, label: string): void {
  const index = buildFileIndex(ws.collection<DriveFile>('drive.files').baseMap());
  let nonEmpty = 0;
  for (const s of searches(ws)) {
    const want = scanFiles(ws, s).map((f) => f.id);
    const what = `${label}: ${s.who.email} ${JSON.stringify(s.node)} ${s.orderBy} ${s.corpora}`;
    expect(indexedFiles(ws, index, s).map((f) => f.id), what).toEqual(want);
    // A page's worth from the front: the indexed search may stop early, and must stop at the same files.
    expect(indexedFiles(ws, index, { ...s, needed: 3 }).map((f) => f.id), `${what} (first 3)`).toEqual(want.slice(0, 3));
    if (want.length > 0) nonEmpty++;
  }
  expect(nonEmpty).toBeGreaterThan(100);
  // Folder descendants (trash and delete cascades) from the base's tree, against the pass over every file.
  const col = ws.collection<DriveFile>('drive.files');
  for (let i = 0; i <= SCANS_BEFORE_INDEX; i++) fileIndexOf(col);
  expect(fileIndexOf(col)).toBeDefined();
  for (const folder of files(ws).filter((f) => f.mimeType === FOLDER_MIME)) {
    expect(folderDescendants(ws, folder.id), `${label}: descendants of ${folder.id}`).toEqual(descendantIds(ws, folder.id));
  }
  // Permissions grouped by holder: the base's groups with the trial's changes, against one pass.
  // Past the policy's scans, so the groups come from the base's index.
  for (let i = 0; i < SCANS_BEFORE_INDEX; i++) buildPermissionIndex(ws);
  const grouped = buildPermissionIndex(ws);
  const scanned = scanPermissionIndex(ws.collection<DrivePermission>('drive.permissions'));
  for (const p of ws.collection<DrivePermission>('drive.permissions').values()) expect(grouped.get(p.fileId), `${label}: grants of ${p.fileId}`).toEqual(scanned.get(p.fileId));
}

/** One random write of the kinds a trial makes; failures (a move into a subfolder, a role too weak) are fine. */
function randomWrite(ws: Workspace, rng: ReturnType<typeof createRng>, i: number): void {
  const all = files(ws).filter((f) => !f.id.endsWith('Uk9PVA'));
  const f = rng.pick(all);
  const folder = rng.pick(all.filter((x) => x.mimeType === FOLDER_MIME));
  const who = rng.pick(PEOPLE);
  const kind = rng.int(0, 9);
  if (kind === 0) ws.invoke('drive.files.create', { supportsAllDrives: true, requestBody: { name: rng.pick(['plan', 'Q3 budget', 'notes', '-draft plan']) + ` ${i}`, parents: [folder.id], ...(rng.chance(0.3) ? { mimeType: FOLDER_MIME } : {}) } }, as(folder.ownerEmail || OWNER));
  else if (kind === 1) {
    // Folders half the time: moving one changes what its whole subtree inherits.
    const moved = rng.chance(0.5) ? rng.pick(all.filter((x) => x.mimeType === FOLDER_MIME && x.parents.length > 0)) : f;
    const to = rng.chance(0.5) ? 'root' : folder.id;
    ws.invoke('drive.files.update', { fileId: moved.id, addParents: to, removeParents: moved.parents[0] ?? '', supportsAllDrives: true, requestBody: {} }, as(moved.ownerEmail || OWNER));
  }
  else if (kind === 2) ws.invoke('drive.files.update', { fileId: f.id, supportsAllDrives: true, requestBody: { trashed: !f.trashed, starred: rng.chance(0.5) } }, as(f.ownerEmail || OWNER));
  else if (kind === 3) ws.invoke('drive.files.update', { fileId: f.id, supportsAllDrives: true, requestBody: { name: rng.pick(['Plan B', 'planning notes', 'misc']) } }, as(f.ownerEmail || OWNER));
  else if (kind === 4 || kind === 5) {
    const target = rng.chance(0.6) ? folder : f;
    const body = rng.pick([
      { type: 'user', role: 'reader', emailAddress: who },
      { type: 'user', role: 'commenter', emailAddress: who, expirationTime: new Date(ws.nowMs() + rng.int(1, 40) * 60_000).toISOString() },
      { type: 'domain', role: 'reader', domain: company.domain, allowFileDiscovery: rng.chance(0.5) },
      { type: 'anyone', role: 'reader', allowFileDiscovery: rng.chance(0.5) },
    ]);
    ws.invoke('drive.permissions.create', { fileId: target.id, supportsAllDrives: true, requestBody: body }, as(target.ownerEmail || OWNER));
  } else if (kind === 6) {
    const grants = [...ws.collection<DrivePermission>('drive.permissions').values()].filter((p) => p.role !== 'owner' && p.role !== 'organizer');
    const g = rng.pick(grants);
    const holder = ws.collection<DriveFile>('drive.files').peek(g.fileId);
    ws.invoke('drive.permissions.delete', { fileId: g.fileId, permissionId: g.id, supportsAllDrives: true }, as(holder?.ownerEmail || OWNER));
  } else if (kind === 7) ws.invoke('drive.files.delete', { fileId: f.id, supportsAllDrives: true }, as(f.ownerEmail || OWNER));
  else if (kind === 8) {
    const drives = [...ws.collection<{ id: string }>('drive.drives').values()];
    const d = rng.pick(drives);
    ws.invoke('drive.permissions.create', { fileId: d.id, supportsAllDrives: true, requestBody: { type: 'user', role: 'reader', emailAddress: who } }, as(OWNER));
    ws.invoke('drive.files.create', { supportsAllDrives: true, requestBody: { name: `plan in drive ${i}`, parents: [d.id] } }, as(OWNER));
  } else ws.advance(rng.int(5, 30) * 60_000);
}

describe('drive files.list index', () => {
  const base = baseWithSharedDrives();

  it('matches the scan on an untouched drive', () => {
    expectSame(createWorkspace(base), 'untouched');
  });

  it('matches the scan after random writes, and after rolling them back', () => {
    const ws = createWorkspace(base);
    const rng = createRng('drive-file-index-test');
    const start = ws.snapshot();
    for (let i = 0; i < 80; i++) {
      randomWrite(ws, rng, i);
      if (i % 20 === 19) expectSame(ws, `after ${i + 1} writes`);
    }
    expect(ws.collection('drive.files').changes().changed.length).toBeGreaterThan(10);
    ws.restore(start);
    expectSame(ws, 'rolled back');
  });

  it('pages through files.list as the scan orders them once the base is indexed', () => {
    const ws = createWorkspace(base);
    const rng = createRng('drive-file-index-pages');
    for (let i = 0; i < 30; i++) randomWrite(ws, rng, i);
    const q = "name contains 'plan' or trashed = false";
    const want = scanFiles(ws, { node: parseQuery(q), who: principalOf(OWNER), orderBy: undefined, corpora: 'user', driveId: undefined, allDrives: false, needed: Infinity }).map((f) => f.id);
    // The policy indexes a small base after a few scans; list enough times to be past them.
    for (let round = 0; round < 10; round++) {
      const got: string[] = [];
      let pageToken: string | undefined;
      for (let n = 0; n < 1_000; n++) {
        const page = ok<{ files: Array<{ id: string }>; nextPageToken?: string }>(ws.invoke('drive.files.list', { q, pageSize: 37, ...(pageToken ? { pageToken } : {}) }, as(OWNER)));
        got.push(...page.files.map((f) => f.id));
        pageToken = page.nextPageToken;
        if (!pageToken) break;
      }
      expect(got, `round ${round}`).toEqual(want);
    }
  });

  it('decides search visibility as the ancestor walk does, through cycles and chains deeper than the walk goes', () => {
    const build = createEmptyWorkspace();
    const fileCol = build.collection<DriveFile>('drive.files');
    const permCol = build.collection<DrivePermission>('drive.permissions');
    const reader = 'reader@corvidlabs.com';
    const at = '2026-01-01T00:00:00.000Z';
    const put = (id: string, parent: string | undefined) => fileCol.set(id, { id, name: id, mimeType: FOLDER_MIME, parents: parent ? [parent] : [], ownerEmail: OWNER, createdTime: at, modifiedTime: at, trashed: false, starred: false, version: 1 });
    const grant = (holder: string) => {
      const pid = principalOf(reader).userPid;
      permCol.set(permissionKey(holder, pid), { fileId: holder, id: pid, type: 'user', role: 'reader', emailAddress: reader });
    };
    // A chain of 80 folders granted at the top: the walk sees 64 ancestors, so the deepest files are not found.
    for (let i = 0; i < 80; i++) put(`deep${i}`, i === 0 ? undefined : `deep${i - 1}`);
    grant('deep0');
    // A cycle with a grant on one member, a file hanging under it, a file that is its own parent, and one under a missing folder.
    put('loopA', 'loopB');
    put('loopB', 'loopA');
    put('underLoop', 'loopA');
    put('self', 'self');
    put('orphan', 'gone');
    grant('loopB');
    grant('gone');
    const ws = createWorkspace(build.toBase());
    const index = buildFileIndex(ws.collection<DriveFile>('drive.files').baseMap());
    const who = principalOf(reader);
    const view = searchVisibility(index, ws.collection<DrivePermission>('drive.permissions').baseMap(), who);
    const found = index.files.filter((_, i) => view.state[i] === FOUND).map((f) => f.id).sort();
    const walked = index.files.filter((f) => effectiveRole(ws, f, who, true) !== undefined).map((f) => f.id).sort();
    expect(found).toEqual(walked);
    expect(found).toContain('deep64');
    expect(found).not.toContain('deep79');
    expect(found).toEqual(expect.arrayContaining(['loopA', 'loopB', 'underLoop', 'orphan']));
  });
});
