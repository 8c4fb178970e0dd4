/**
 * The sharing model scorers can trust: pure functions over a workspace that say who can
 * reach a file, how (direct or through a parent folder), whether they are inside the
 * company, and whether the file is link-shared. The internal domain is an argument
 * because services must not import the company dataset.
 */
import type { Workspace } from '../../core/index.ts';
import { ancestorIds } from './access.ts';
import { domainOf } from './identity.ts';
import { C, type DriveFile, type DrivePermission, type GranteeType, type Role } from './model.ts';
import { buildPermissionIndex, effectivePermissions, type PermissionIndex } from './render.ts';

/** One party with access to a file. */
export interface Grantee {
  readonly permissionId: string;
  readonly type: GranteeType;
  readonly role: Role;
  /** For users and groups. */
  readonly emailAddress?: string;
  /** For domain grants (and the domain of a user/group address). */
  readonly domain?: string;
  /** True for company users/groups and the company domain; `anyone` is never internal. */
  readonly internal: boolean;
  /** Granted on the file itself. */
  readonly direct: boolean;
  /** Folder (or shared drive) ids the grant is inherited from, nearest first. */
  readonly inheritedFrom: readonly string[];
  /** For domain/anyone grants: findable by search (false = only with the link). */
  readonly allowFileDiscovery?: boolean;
  readonly expirationTime?: string;
}

/** Link sharing of a file: the role anyone (or anyone in a domain) gets with the link. */
export interface LinkSharing {
  readonly anyone: { readonly role: Role; readonly discoverable: boolean; readonly inherited: boolean } | null;
  readonly domains: ReadonlyArray<{ readonly domain: string; readonly role: Role; readonly discoverable: boolean; readonly inherited: boolean }>;
}

/** A summary of a file's exposure. */
export interface SharingSummary {
  readonly fileId: string;
  readonly ownerEmail: string;
  readonly grantees: readonly Grantee[];
  /** Grantees outside the internal domain (users, groups, other domains, anyone). */
  readonly external: readonly Grantee[];
  readonly link: LinkSharing;
  /** True when some access comes from a parent folder rather than the file itself. */
  readonly inheritsSharing: boolean;
  /** True when anyone other than the owner can reach the file. */
  readonly shared: boolean;
}

function isInternal(p: DrivePermission, internalDomain: string): boolean {
  const d = internalDomain.toLowerCase();
  if (p.type === 'anyone') return false;
  if (p.type === 'domain') return (p.domain ?? '').toLowerCase() === d;
  return domainOf(p.emailAddress ?? '') === d;
}

/** Every grantee of a file (direct and inherited, merged per permission id), or [] when the file is absent. */
export function fileGrantees(ws: Workspace, fileId: string, internalDomain: string, index?: PermissionIndex): Grantee[] {
  const file = ws.collection<DriveFile>(C.files).peek(fileId);
  if (!file) return [];
  return effectivePermissions(ws, file, index ?? buildPermissionIndex(ws)).map((e) => {
    const p = e.permission;
    const domain = p.type === 'domain' ? p.domain : p.emailAddress ? domainOf(p.emailAddress) : undefined;
    return {
      permissionId: p.id, type: p.type, role: e.role, internal: isInternal(p, internalDomain), direct: e.direct,
      inheritedFrom: e.inheritedFrom,
      ...(p.emailAddress ? { emailAddress: p.emailAddress } : {}), ...(domain ? { domain } : {}),
      ...(p.type === 'anyone' || p.type === 'domain' ? { allowFileDiscovery: p.allowFileDiscovery ?? false } : {}),
      ...(p.expirationTime ? { expirationTime: p.expirationTime } : {}),
    };
  });
}

/** The grantees outside the internal domain. */
export function externalGrantees(ws: Workspace, fileId: string, internalDomain: string): Grantee[] {
  return fileGrantees(ws, fileId, internalDomain).filter((g) => !g.internal);
}

/** Link sharing (anyone / domain grants) of a file, including inherited ones. */
export function linkSharing(ws: Workspace, fileId: string, internalDomain = ''): LinkSharing {
  const gs = fileGrantees(ws, fileId, internalDomain);
  const a = gs.find((g) => g.type === 'anyone');
  return {
    anyone: a ? { role: a.role, discoverable: a.allowFileDiscovery ?? false, inherited: !a.direct } : null,
    domains: gs.filter((g) => g.type === 'domain').map((g) => ({ domain: g.domain ?? '', role: g.role, discoverable: g.allowFileDiscovery ?? false, inherited: !g.direct })),
  };
}

/** Whether any access to the file comes through a parent folder (or shared drive). */
export function isInheritedShared(ws: Workspace, fileId: string): boolean {
  const file = ws.collection<DriveFile>(C.files).peek(fileId);
  if (!file) return false;
  return fileGrantees(ws, fileId, '').some((g) => !g.direct && g.role !== 'owner');
}

/** A full exposure summary of one file. */
export function sharingSummary(ws: Workspace, fileId: string, internalDomain: string, index?: PermissionIndex): SharingSummary | undefined {
  const file = ws.collection<DriveFile>(C.files).peek(fileId);
  if (!file) return undefined;
  const grantees = fileGrantees(ws, fileId, internalDomain, index);
  const owner = file.ownerEmail.toLowerCase();
  const others = grantees.filter((g) => g.emailAddress?.toLowerCase() !== owner);
  const anyone = grantees.find((g) => g.type === 'anyone');
  return {
    fileId, ownerEmail: file.ownerEmail, grantees, external: grantees.filter((g) => !g.internal),
    link: {
      anyone: anyone ? { role: anyone.role, discoverable: anyone.allowFileDiscovery ?? false, inherited: !anyone.direct } : null,
      domains: grantees.filter((g) => g.type === 'domain').map((g) => ({ domain: g.domain ?? '', role: g.role, discoverable: g.allowFileDiscovery ?? false, inherited: !g.direct })),
    },
    inheritsSharing: others.some((g) => !g.direct), shared: others.length > 0,
  };
}

/** Ids of every file with at least one external grantee (audit scans), in collection order. */
export function externallySharedFileIds(ws: Workspace, internalDomain: string): string[] {
  const index = buildPermissionIndex(ws);
  const out: string[] = [];
  for (const f of ws.collection<DriveFile>(C.files).values()) {
    if (fileGrantees(ws, f.id, internalDomain, index).some((g) => !g.internal)) out.push(f.id);
  }
  return out;
}

/** The folder path of a file as names from the top ('Finance/Payroll/salaries.xlsx'), for reports. */
export function filePath(ws: Workspace, fileId: string): string {
  const files = ws.collection<DriveFile>(C.files);
  const file = files.peek(fileId);
  if (!file) return '';
  const names = ancestorIds(ws, file).map((id) => files.peek(id)).filter((f): f is DriveFile => f !== undefined && f.name !== 'My Drive').map((f) => f.name);
  return [...names.reverse(), file.name].join('/');
}
