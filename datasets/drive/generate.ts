/** Base drive data for the synthetic company: team folder tree, personal files, sharing, comments, revisions. */
import type { Rng, Workspace } from '../../harness/core/index.ts';
import { recordRevision } from '../../harness/services/drive/file-record.ts';
import { ensureRoot, rootFolderId } from '../../harness/services/drive/ops/common.ts';
import { C, FOLDER_MIME, type DriveFile } from '../../harness/services/drive/model.ts';
import { addCommentThread, grantPermission } from '../../harness/services/drive/seed.ts';
import type { Company, Person } from '../company/company.ts';
import type { HaystackCopy } from '../scale/haystack-copy.ts';
import { MONTHS, TOP_FOLDERS, type SubfolderSpec } from './catalogue.ts';
import { ago, makeFile, makeFolder, type DriveGen } from './builders.ts';
import { addAuditFixtures } from './fixtures.ts';

function fill(g: DriveGen, pattern: string, team: readonly Person[]): string {
  const orgs = (rel: string) => g.company.organisations.filter((o) => o.relation === rel).map((o) => o.name);
  return pattern
    .replace(/\{Q\}/g, () => `Q${g.rng.int(1, 4)}`)
    .replace(/\{Y\}/g, () => String(g.rng.pick([2025, 2025, 2026])))
    .replace(/\{M\}/g, () => g.rng.pick(MONTHS))
    .replace(/\{N\}/g, () => String(g.rng.int(1, 19)))
    .replace(/\{CUST\}/g, () => g.rng.pick(orgs('customer')))
    .replace(/\{VENDOR\}/g, () => g.rng.pick(orgs('vendor')))
    .replace(/\{PARTNER\}/g, () => g.rng.pick(orgs('partner')))
    .replace(/\{PERSON\}/g, () => g.rng.pick(team.length > 0 ? team : g.company.employees).name);
}

function teamOf(company: Company, team: string): Person[] {
  return company.employees.filter((p) => p.team === team);
}

function buildTeamTree(g: DriveGen): void {
  const { company } = g;
  const cos = company.owner;
  for (const top of TOP_FOLDERS) {
    const team = top.team ? teamOf(company, top.team) : [cos];
    const head = team[0] ?? cos;
    const owner = top.name === 'Shared with partners' ? cos : head;
    const created = ago(g, 190, 200);
    const folder = makeFolder(g, top.name, owner, ensureRoot(g.ws, owner.email, created).id, created);
    g.folders.set(top.name, folder.id);
    for (const m of team) if (m.email !== owner.email) grantPermission(g.ws, folder.id, { type: 'user', role: 'writer', emailAddress: m.email, grantedBy: owner.email, createdTime: created });
    if (owner.email !== cos.email) grantPermission(g.ws, folder.id, { type: 'user', role: 'writer', emailAddress: cos.email, grantedBy: owner.email, createdTime: created });
    if (top.domainReader) grantPermission(g.ws, folder.id, { type: 'domain', role: 'reader', domain: company.domain, allowFileDiscovery: true, grantedBy: owner.email, createdTime: created });
    for (const sub of top.subfolders) {
      const subCreated = ago(g, 150, 189);
      const sf = makeFolder(g, sub.name, owner, folder.id, subCreated);
      g.folders.set(`${top.name}/${sub.name}`, sf.id);
      fillSubfolder(g, sub, team, sf.id);
    }
  }
}

/** A team subfolder's files: a few distinct names drawn from its patterns. */
function fillSubfolder(g: DriveGen, sub: SubfolderSpec, team: readonly Person[], folderId: string): void {
  const { rng } = g;
  const n = rng.int(sub.count[0], sub.count[1]);
  const names = new Set<string>();
  for (let i = 0; i < n * 3 && names.size < n; i++) names.add(fill(g, rng.pick(sub.files), team));
  for (const name of names) makeFile(g, name, rng.pick(team.length > 0 ? team : [g.company.owner]), folderId);
}

/** Fills the team subfolders the base made once more (a `--scale` copy), found by path from each owner's root. */
function refillTeamTree(g: DriveGen): void {
  const folderIds = new Map<string, string>();
  for (const f of g.ws.collection<DriveFile>(C.files).values()) if (f.mimeType === FOLDER_MIME && f.parents[0]) folderIds.set(`${f.parents[0]}/${f.name}`, f.id);
  for (const top of TOP_FOLDERS) {
    const team = top.team ? teamOf(g.company, top.team) : [g.company.owner];
    const owner = top.name === 'Shared with partners' ? g.company.owner : (team[0] ?? g.company.owner);
    const topId = folderIds.get(`${rootFolderId(owner.email)}/${top.name}`);
    if (!topId) throw new Error(`drive scale copy: no folder ${top.name}`);
    for (const sub of top.subfolders) {
      const subId = folderIds.get(`${topId}/${sub.name}`);
      if (!subId) throw new Error(`drive scale copy: no folder ${top.name}/${sub.name}`);
      fillSubfolder(g, sub, team, subId);
    }
  }
}

const PERSONAL = ['Notes {M}.txt', 'Expense report {M} {Y}.pdf', 'Receipt {N}.png', '1:1 notes - {PERSON}.md', 'Draft {N}.txt', 'Scratch calculations.csv', 'Conference slides {Y}.pptx', 'Reading list.md', 'Goals {Y}.txt', 'Headshot.png'];

function buildPersonalFiles(g: DriveGen): void {
  for (const p of g.company.employees) {
    const root = ensureRoot(g.ws, p.email, ago(g, 300, 400)).id;
    const n = p.email === g.company.owner.email ? 14 : g.rng.int(4, 8);
    const names = new Set<string>();
    for (let i = 0; i < n * 3 && names.size < n; i++) names.add(fill(g, g.rng.pick(PERSONAL), g.company.employees));
    for (const name of names) makeFile(g, name, p, root);
  }
}

const COMMENTS = [
  'Can we double-check these numbers before Friday?', 'Looks good to me.', 'Please update this with the latest figures.',
  'Who owns the follow-up here?', 'This section needs legal review.', 'Nice work — shipping this.', 'Is this still the current version?',
  'Adding a note: the vendor changed their pricing.', 'Let us discuss in the next sync.', 'Typo in the second paragraph.',
];
const REPLIES = ['Done.', 'On it.', 'Yes, updated this morning.', 'Good catch, fixed.', 'Agreed.', 'I will take it.'];

function addComments(g: DriveGen): void {
  const { rng } = g;
  const picks = rng.sample(g.files.filter((f) => !f.trashed), 45);
  for (const f of picks) {
    const author = rng.pick(g.company.employees);
    const created = new Date(Date.parse(f.modifiedTime) - rng.int(1, 20) * 3_600_000).toISOString();
    const replyCount = rng.int(0, 2);
    const replies = Array.from({ length: replyCount }, (_, i) => ({
      authorEmail: rng.pick(g.company.employees).email, content: rng.pick(REPLIES),
      createdTime: new Date(Date.parse(created) + (i + 1) * 3_600_000).toISOString(),
      ...(i === replyCount - 1 && rng.chance(0.4) ? { action: 'resolve' as const } : {}),
    }));
    addCommentThread(g.ws, f.id, { authorEmail: author.email, content: rng.pick(COMMENTS), createdTime: created, replies });
  }
}

function addRevisions(g: DriveGen): void {
  for (const f of g.rng.sample(g.files.filter((x) => !x.trashed), 60)) {
    const edits = g.rng.int(1, 3);
    const start = Date.parse(f.createdTime);
    const end = Date.parse(f.modifiedTime);
    for (let i = 1; i <= edits; i++) {
      const at = new Date(start + Math.floor(((end - start) * i) / edits)).toISOString();
      recordRevision(g.ws, f.id, { modifiedBy: f.ownerEmail, at, silent: true });
    }
  }
}

/** Adds the company's base drive records to a workspace being built. */
export function generateDrive(ws: Workspace, company: Company, rng: Rng): void {
  const g: DriveGen = { ws, company, rng, nowMs: ws.nowMs(), folders: new Map(), files: [] };
  buildTeamTree(g);
  buildPersonalFiles(g);
  addAuditFixtures(g);
  addComments(g);
  addRevisions(g);
}

/**
 * Adds one `--scale` copy of the drive's files: every team subfolder and every
 * personal drive gets files again, dated `copy.shiftMs` further back. No folders,
 * shares, comments or revisions: the tree and its audit fixtures stay the base's.
 */
export function generateDriveCopy(copy: HaystackCopy, company: Company, rng: Rng): void {
  const g: DriveGen = { ws: copy.ws, company, rng, nowMs: copy.ws.nowMs() - copy.shiftMs, folders: new Map(), files: [] };
  refillTeamTree(g);
  buildPersonalFiles(g);
}
