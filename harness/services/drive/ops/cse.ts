/**
 * files.generateCseToken: a JSON Web Token for client-side encryption of a file, naming the
 * file, the caller and the key access control list service (KACLS) that guards its keys.
 * The token is signed with a key derived from the workspace, never a real secret; the
 * claims follow the KACLS "authorization token" shape (role, resource name, email).
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { defineOperation, type OperationContext } from '../../../core/index.ts';
import { googleError } from '../../google/errors.ts';
import { requireFile } from '../access.ts';
import { reserveFileIds } from '../identity.ts';
import { FOLDER_MIME } from '../model.ts';
import { callerOf, resolveFileId, rootFolderId } from './common.ts';

/** The organization's one key service in this workspace. */
const KACLS = { id: 'kacls-primary', name: 'Primary key service' } as const;

function b64(o: unknown): string {
  return Buffer.from(JSON.stringify(o), 'utf8').toString('base64url');
}

function token(ctx: OperationContext, fileId: string, me: string): string {
  const head = b64({ alg: 'HS256', typ: 'JWT' });
  const iat = Math.floor(ctx.ws.nowMs() / 1000);
  const body = b64({ role: 'writer', resource_name: `//googleapis.com/drive/files/${fileId}`, email: me, kacls_url: `https://kacls.example.invalid/${KACLS.id}`, iat, exp: iat + 3600 });
  const sig = createHmac('sha256', `deskbench-cse:${ctx.ws.base.now}`).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

/** The client-side-encryption operation. */
export const cseOps = [
  defineOperation({
    id: 'drive.files.generateCseToken', service: 'drive', style: 'google', kind: 'read',
    http: { method: 'GET', path: '/drive/v3/files/generateCseToken' },
    description: 'Generates a client-side-encryption token (JWT) for a file the caller can edit, or for a new file in a parent folder (give fileId or parent, not both).',
    params: z.object({
      fileId: z.string().optional().describe('The file the token is for; a new id is generated when absent.'),
      parent: z.string().optional().describe('The expected parent folder of a new encrypted file (not with fileId).'),
    }),
    handler: (ctx, { params: p }) => {
      const me = callerOf(ctx);
      if (p.fileId !== undefined && p.parent !== undefined) throw googleError(400, 'invalid', 'It is invalid to specify both fileId and parent.');
      let fileId: string;
      if (p.fileId !== undefined) fileId = requireFile(ctx.ws, resolveFileId(p.fileId, me), me, 'writer').file.id;
      else {
        if (p.parent !== undefined && resolveFileId(p.parent, me) !== rootFolderId(me)) {
          const { file } = requireFile(ctx.ws, resolveFileId(p.parent, me), me, 'writer');
          if (file.mimeType !== FOLDER_MIME) throw googleError(400, 'invalid', 'The parent is not a folder.');
        }
        fileId = reserveFileIds(ctx.ws, 1)[0]!;
      }
      return { kind: 'drive#generateCseTokenResponse', fileId, jwt: token(ctx, fileId, me), currentKaclsId: KACLS.id, currentKaclsName: KACLS.name };
    },
  }),
];
