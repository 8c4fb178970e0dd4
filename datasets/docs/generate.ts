/** Base docs data: 60 structured company documents, filed into Drive folders and shared as their kind needs. */
import type { Rng, Workspace } from '../../harness/core/index.ts';
import type { Company } from '../company/company.ts';
import { createDocument } from '../../harness/services/docs/store.ts';
import { C, FOLDER_MIME, permissionKey, type DriveFile, type DrivePermission } from '../../harness/services/drive/model.ts';
import { anyonePermissionId, displayNameFor, domainPermissionId, permissionIdFor } from '../../harness/services/drive/identity.ts';
import { boardMemo, contract, misc, notes, policy, proposal, review, spec, type DocDraft } from './templates.ts';

/** Drive folder names tried in order for each kind of document (first found wins). */
const FOLDERS: Record<DocDraft['kind'], readonly string[]> = {
  spec: ['Specs', 'Engineering', 'Product'],
  notes: ['Meeting Notes', 'Meetings', 'Notes'],
  contract: ['Contracts', 'Legal'],
  policy: ['Policies', 'People', 'HR'],
  review: ['Performance Reviews', 'HR', 'People'],
  board: ['Board', 'Executive', 'Leadership'],
  proposal: ['Partners', 'Proposals', 'Sales'],
  misc: [],
};

/** Adds the company's base documents (and their Drive files and sharing) to a workspace being built. */
export function generateDocs(ws: Workspace, company: Company, rng: Rng): void {
  const folders = new Map<string, string>();
  for (const f of ws.collection<DriveFile>(C.files).values()) {
    if (f.mimeType === FOLDER_MIME && !f.trashed && !folders.has(f.name.toLowerCase())) folders.set(f.name.toLowerCase(), f.id);
  }
  const orgs = company.organisations.filter((o) => o.relation !== 'personal');
  const partners = orgs.filter((o) => o.relation === 'partner' || o.relation === 'customer');
  const drafts: DocDraft[] = [
    ...Array.from({ length: 14 }, (_, i) => spec(company, rng, i)),
    ...Array.from({ length: 14 }, (_, i) => notes(company, rng, i)),
    ...Array.from({ length: 8 }, (_, i) => contract(company, rng, i, orgs[i % orgs.length]!)),
    ...Array.from({ length: 6 }, (_, i) => policy(company, rng, i)),
    ...Array.from({ length: 6 }, (_, i) => review(company, rng, i)),
    boardMemo(company, rng),
    ...Array.from({ length: 6 }, (_, i) => proposal(company, rng, i, partners[i % partners.length]!)),
    ...Array.from({ length: 5 }, (_, i) => misc(company, rng, i)),
  ];
  const nowMs = ws.nowMs();
  for (const d of drafts) {
    const created = nowMs - rng.int(7, 180) * 86_400_000 - rng.int(0, 86_399) * 1000;
    const modified = Math.min(nowMs - 3_600_000, created + rng.int(0, 20) * 86_400_000);
    const folderId = FOLDERS[d.kind].map((n) => folders.get(n.toLowerCase())).find((id) => id !== undefined);
    const doc = createDocument(ws, {
      title: d.title,
      ownerEmail: d.owner.email,
      ...(folderId ? { parents: [folderId] } : {}),
      body: d.builder.blocks,
      lists: d.builder.lists,
      createdTime: new Date(created).toISOString(),
      modifiedTime: new Date(modified).toISOString(),
      ...(d.confidential ? { description: 'Confidential' } : {}),
      silent: true,
    });
    for (const s of d.shares) share(ws, doc.documentId, d.owner.email, s, new Date(created).toISOString());
  }
}

/** Writes one Drive permission record (the Drive service's record shape and id scheme). */
function share(ws: Workspace, fileId: string, grantedBy: string, s: DocDraft['shares'][number], createdTime: string): void {
  let perm: DrivePermission;
  if (s.email) {
    const email = s.email.toLowerCase();
    if (email === grantedBy.toLowerCase()) return;
    perm = { fileId, id: permissionIdFor(email), type: 'user', role: s.role, emailAddress: email, displayName: displayNameFor(email), grantedBy, createdTime };
  } else if (s.domain) {
    perm = { fileId, id: domainPermissionId(s.domain), type: 'domain', role: s.role, domain: s.domain, displayName: s.domain, allowFileDiscovery: true, grantedBy, createdTime };
  } else {
    perm = { fileId, id: anyonePermissionId(false), type: 'anyone', role: s.role, allowFileDiscovery: false, grantedBy, createdTime };
  }
  ws.collection<DrivePermission>(C.permissions).set(permissionKey(fileId, perm.id), perm);
}
