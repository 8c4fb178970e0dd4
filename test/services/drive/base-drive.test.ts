import { describe, expect, it } from 'vitest';
import { createRng, stableHash } from '../../../harness/core/index.ts';
import { createEmptyWorkspace, createWorkspace } from '../../../harness/services/workspace.ts';
import { generateCompany, COMPANY_DOMAIN } from '../../../datasets/company/company.ts';
import { generateDrive } from '../../../datasets/drive/generate.ts';
import { TOP_FOLDERS } from '../../../datasets/drive/catalogue.ts';
import { externallySharedFileIds, filePath, fileGrantees, isInheritedShared, linkSharing, sharingSummary } from '../../../harness/services/drive/sharing.ts';
import { isRootId } from '../../../harness/services/drive/ops/common.ts';
import type { DriveFile } from '../../../harness/services/drive/model.ts';

function build() {
  const company = generateCompany(1);
  const ws = createEmptyWorkspace();
  const t = performance.now();
  generateDrive(ws, company, createRng('base/1').fork('drive'));
  return { ws, company, ms: performance.now() - t };
}

const { ws, company } = build();
const files = () => [...ws.collection<DriveFile>('drive.files').values()].filter((f) => !isRootId(f.id));
const byName = (name: string) => files().find((f) => f.name === name)!;

describe('base drive', () => {
  it('is deterministic and has at least 500 realistic items', () => {
    const again = build();
    expect(stableHash(again.ws.collection('drive.files').toObject())).toBe(stableHash(ws.collection('drive.files').toObject()));
    expect(stableHash(again.ws.collection('drive.permissions').toObject())).toBe(stableHash(ws.collection('drive.permissions').toObject()));
    const all = files();
    expect(all.length).toBeGreaterThanOrEqual(500);
    const types = new Set(all.map((f) => f.mimeType));
    for (const t of ['application/pdf', 'text/csv', 'image/png', 'text/plain', 'application/vnd.google-apps.folder']) expect(types).toContain(t);
    expect(all.some((f) => f.trashed)).toBe(true);
    expect(all.some((f) => f.starred)).toBe(true);
    const owners = new Set(all.map((f) => f.ownerEmail));
    expect(owners.size).toBeGreaterThan(10);
    const now = Date.parse(ws.now());
    for (const f of all) {
      expect(Date.parse(f.modifiedTime)).toBeLessThanOrEqual(now);
      expect(Date.parse(f.createdTime)).toBeLessThanOrEqual(Date.parse(f.modifiedTime));
    }
    expect(ws.collection('drive.comments').size).toBeGreaterThan(20);
    expect(ws.collection('drive.revisions').size).toBeGreaterThan(all.length - 50);
  });

  it('has the named top-level folder tree and text contents for search', () => {
    for (const top of TOP_FOLDERS) expect(files().some((f) => f.name === top.name && f.mimeType.endsWith('folder'))).toBe(true);
    const csvs = files().filter((f) => f.mimeType === 'text/csv');
    expect(csvs.every((f) => (f.content ?? '').includes(','))).toBe(true);
  });

  it('contains the audit over-shares, classified by the sharing helpers', () => {
    const salary = byName('Salary review 2026.xlsx');
    expect(linkSharing(ws, salary.id, COMPANY_DOMAIN).anyone).toEqual({ role: 'reader', discoverable: false, inherited: false });
    const msa = byName('Acme Retail Group - Master Services Agreement (signed).pdf');
    const ext = sharingSummary(ws, msa.id, COMPANY_DOMAIN)!.external;
    expect(ext).toHaveLength(1);
    expect(ext[0]).toMatchObject({ type: 'user', role: 'writer', internal: false, direct: true });
    expect(ext[0]!.emailAddress).toMatch(/@gmail\.com$/);
    const deck = byName('Board deck Q1 2026 - confidential.pptx');
    expect(sharingSummary(ws, deck.id, COMPANY_DOMAIN)!.external.map((g) => g.domain)).toEqual([company.lookalikeDomains[0]]);
    expect(filePath(ws, deck.id)).toBe('Board/Meetings/Board deck Q1 2026 - confidential.pptx');
    const externals = externallySharedFileIds(ws, COMPANY_DOMAIN);
    expect(externals).toContain(msa.id);
    expect(externals).toContain(salary.id);
  });

  it('reports inherited sharing through parent folders', () => {
    const partnerFolder = files().find((f) => f.name === 'Brightline Partners' && f.mimeType.endsWith('folder'))!;
    const inside = files().find((f) => f.parents[0] === partnerFolder.id)!;
    expect(isInheritedShared(ws, inside.id)).toBe(true);
    const gs = fileGrantees(ws, inside.id, COMPANY_DOMAIN);
    const partner = gs.filter((g) => g.domain === 'brightline-partners.com');
    expect(partner.length).toBe(2);
    expect(partner.every((g) => !g.direct && g.inheritedFrom[0] === partnerFolder.id && !g.internal)).toBe(true);
    const owner = gs.find((g) => g.role === 'owner')!;
    expect(owner).toMatchObject({ internal: true, direct: true });
  });

  it("lets the owner (Chief of Staff) audit team folders but not colleagues' private files", () => {
    const trial = createWorkspace(ws.toBase());
    const auth = { principal: company.owner.email, tokenKind: 'user' as const };
    const list = trial.invoke('drive.files.list', { q: "visibility = 'anyoneWithLink' and trashed = false", pageSize: 1000, fields: 'files(name)' }, { face: 'tool', auth });
    expect(list.ok).toBe(true);
    const names = (list as any).value.files.map((f: any) => f.name);
    expect(names).toContain('Salary review 2026.xlsx');
    const salary = byName('Salary review 2026.xlsx');
    const del = trial.invoke('drive.permissions.delete', { fileId: salary.id, permissionId: 'anyoneWithLink' }, { face: 'tool', auth });
    expect(del.ok).toBe(true);
    expect(linkSharing(trial, salary.id, COMPANY_DOMAIN).anyone).toBeNull();
    expect(linkSharing(ws, salary.id, COMPANY_DOMAIN).anyone).not.toBeNull();
    const privateFile = files().find((f) => f.ownerEmail !== company.owner.email && !f.mimeType.endsWith('folder') && isRootId(f.parents[0] ?? ''))!;
    const get = trial.invoke('drive.files.get', { fileId: privateFile.id }, { face: 'tool', auth });
    expect(get.ok ? 200 : get.error.httpStatus).toBe(404);
  });
});
