/**
 * What the caller can do with a file, as Drive reports it: the `capabilities` object of a
 * File ("Understand file capabilities" guide), the `downloadRestrictions` and
 * `linkShareMetadata` every File carries in the full view, all derived from the caller's
 * role. My Drive itself (the root folder) cannot be renamed, moved, shared, trashed or
 * deleted, so its capabilities say so and the write paths refuse those edits.
 */
import type { DriveFile, Role } from './model.ts';
import { FOLDER_MIME } from './model.ts';
import { canShare, roleRank } from './access.ts';

/** The facts about the caller and the file the capabilities are derived from. */
export interface CapabilityFacts {
  readonly file: DriveFile;
  readonly role: Role | undefined;
  /** True for the caller's My Drive root folder. */
  readonly root: boolean;
}

/** The File `capabilities` object for one caller. */
export function fileCapabilities({ file, role, root }: CapabilityFacts): Record<string, boolean> {
  const folder = file.mimeType === FOLDER_MIME;
  const owner = role === 'owner';
  const edit = roleRank(role) >= roleRank('writer');
  const comment = roleRank(role) >= roleRank('commenter');
  const organize = owner || roleRank(role) >= roleRank('organizer');
  const inDrive = file.driveId !== undefined;
  const readersBlocked = (file.copyRequiresWriterPermission ?? false) && !edit;
  const item = !root;
  const caps: Record<string, boolean> = {
    canAcceptOwnership: false, canAddChildren: folder && edit, canAddMyDriveParent: item && !inDrive && !file.parents.length,
    canChangeCopyRequiresWriterPermission: item && (owner || (edit && inDrive)), canChangeItemDownloadRestriction: item && (owner || (edit && inDrive)),
    canChangeSecurityUpdateEnabled: false, canChangeViewersCanCopyContent: item && (owner || (edit && inDrive)),
    canComment: comment, canCopy: item && !folder && !readersBlocked, canDelete: item && organize, canDisableInheritedPermissions: false,
    canDownload: !folder && !readersBlocked, canEdit: edit, canEnableInheritedPermissions: false, canListChildren: folder,
    canModifyContent: edit, canModifyContentRestriction: item && edit, canModifyEditorContentRestriction: item && (owner || (edit && inDrive)),
    canModifyLabels: item && edit, canModifyOwnerContentRestriction: item && owner, canMoveChildrenWithinDrive: folder && edit,
    canMoveItemIntoTeamDrive: item && owner && !inDrive, canMoveItemOutOfDrive: item && (inDrive ? organize : owner),
    canMoveItemWithinDrive: item && edit, canReadLabels: true, canReadRevisions: edit, canRemoveChildren: folder && edit,
    canRemoveContentRestriction: false, canRemoveMyDriveParent: item && !inDrive && owner, canRename: item && edit,
    canShare: item && canShare(file, role), canTrash: item && (owner || (inDrive && roleRank(role) >= roleRank('fileOrganizer'))),
    canUntrash: item && (owner || (inDrive && roleRank(role) >= roleRank('fileOrganizer'))),
  };
  if (inDrive) {
    caps.canReadDrive = true;
    if (folder) {
      caps.canDeleteChildren = roleRank(role) >= roleRank('organizer');
      caps.canTrashChildren = roleRank(role) >= roleRank('fileOrganizer');
      caps.canMoveChildrenOutOfDrive = roleRank(role) >= roleRank('organizer');
    }
  }
  return caps;
}

/**
 * `downloadRestrictions`: copyRequiresWriterPermission is Drive's reader download restriction
 * (readers and commenters cannot download, print or copy); writers are never restricted here.
 */
export function downloadRestrictions(file: DriveFile): Record<string, unknown> {
  const readers = file.copyRequiresWriterPermission ?? false;
  return {
    itemDownloadRestriction: { restrictedForReaders: readers, restrictedForWriters: false },
    effectiveDownloadRestrictionWithContext: { restrictedForReaders: readers, restrictedForWriters: false },
  };
}

/** `linkShareMetadata`: the resource-key security update, which no file of this workspace is eligible for. */
export function linkShareMetadata(): Record<string, boolean> {
  return { securityUpdateEligible: false, securityUpdateEnabled: false };
}
