/**
 * wireFile computes only the fields a mask asks for: for every mask, the masked answer is
 * the same as masking the full resource, over every file of the base drive the owner sees
 * (and a reader's view of a shared one).
 */
import { describe, expect, it } from 'vitest';
import { baseWorkspace, companyFor, DEFAULT_SEED } from '../../../datasets/base-workspace.ts';
import { createWorkspace } from '../../../harness/services/workspace.ts';
import { buildPermissionIndex, DEFAULT_FIELDS, selectFields, wantedFileFields, wireFile } from '../../../harness/services/drive/render.ts';
import type { DriveFile } from '../../../harness/services/drive/model.ts';

const MASKS = [
  undefined, '*', 'id,name', 'capabilities(canShare,canEdit)', 'owners(emailAddress),modifiedTime', 'shared,permissionIds',
  'permissions(id,role,emailAddress)', 'size,quotaBytesUsed', 'ownedByMe,lastModifyingUser,sharingUser,trashingUser', 'kind,id,name,mimeType,capabilities',
];

describe('wantedFileFields', () => {
  it('names the top-level fields of a mask, at a path inside a list; undefined for everything', () => {
    expect([...wantedFileFields('id,name,capabilities(canShare)', '')!]).toEqual(['id', 'name', 'capabilities']);
    expect([...wantedFileFields('nextPageToken,files(id,owners(emailAddress))', '', ['files'])!]).toEqual(['id', 'owners']);
    expect([...wantedFileFields(undefined, DEFAULT_FIELDS.file)!]).toEqual(['kind', 'id', 'name', 'mimeType']);
    expect(wantedFileFields('*', '')).toBeUndefined();
    expect(wantedFileFields('files', '', ['files'])).toBeUndefined();
    expect(wantedFileFields('files(*)', '', ['files'])).toBeUndefined();
  });

  it('masking the partial resource equals masking the full one, for every mask and file', () => {
    const ws = createWorkspace(baseWorkspace(DEFAULT_SEED));
    const company = companyFor(DEFAULT_SEED);
    const index = buildPermissionIndex(ws);
    const files = [...ws.collection<DriveFile>('drive.files').values()];
    const viewers = [company.owner.email, files.find((f) => f.ownerEmail !== company.owner.email)!.ownerEmail];
    let compared = 0;
    for (const me of viewers) {
      for (const f of files.slice(0, 200)) {
        for (const mask of MASKS) {
          const full = selectFields(wireFile(ws, f, me, index), mask, DEFAULT_FIELDS.file);
          const partial = selectFields(wireFile(ws, f, me, index, wantedFileFields(mask, DEFAULT_FIELDS.file)), mask, DEFAULT_FIELDS.file);
          expect(JSON.stringify(partial), `${f.id} ${mask}`).toBe(JSON.stringify(full));
          compared++;
        }
      }
    }
    expect(compared).toBe(viewers.length * Math.min(files.length, 200) * MASKS.length);
  });
});
