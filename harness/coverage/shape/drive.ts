/**
 * Drive's response shapes: the views the reference documents and probes for every method,
 * called through the official @googleapis/drive client. Field types come from the client's
 * `Schema$…` typings; presence rules are written from the reference pages
 * (developers.google.com/workspace/drive/api/reference/rest/v3/…) and the fields guide:
 * without `fields`, a File is `kind,id,name,mimeType` and a Permission `kind,id,type,role`;
 * with `fields=*` a File carries its identity, times, people, sharing, capabilities,
 * `linkShareMetadata`, `downloadRestrictions` and a `size` for blobs and Docs editors files
 * ("Won't be populated for files that have no size, like shortcuts and folders"). Comment
 * and reply authors never carry `emailAddress` or `permissionId` ("The author's email
 * address and permission ID will not be populated"). Errors keep the legacy envelope and
 * name the parameter in `location` (`"location": "fileId", "locationType": "parameter"`).
 */
import type { drive_v3 } from '@googleapis/drive';
import type { Workspace } from '../../core/index.ts';
import { C, DOC_MIME, FOLDER_MIME, type DriveApproval } from '../../services/drive/model.ts';
import { addAccessProposal } from '../../services/drive/seed.ts';
import { googleSchemas } from './google-schemas.ts';
import { expectEmpty, expectError, expectView, gaxios, googleErrorCheck } from './google-adapter.ts';
import type { ApiAdapter, Probe, SchemaSource, ViewSpec } from './types.ts';

/** Reads `Parent.field` as the inline object type of that field (Drive nests many: `File.capabilities`). */
export function withInlineSchemas(source: SchemaSource): SchemaSource {
  return (name) => {
    const dot = name.indexOf('.');
    if (dot < 0) return source(name);
    const parent = source(name.slice(0, dot));
    const spec = parent?.fields[name.slice(dot + 1)];
    if (spec?.ref) return source(spec.ref);
    return spec?.fields ? { name, fields: spec.fields, docs: {} } : undefined;
  };
}

/** Capabilities every item reports (shared-drive-only and deprecated team-drive flags are conditional). */
const FILE_CAPABILITIES: ViewSpec = {
  schema: 'File.capabilities',
  always: [
    'canAcceptOwnership', 'canAddChildren', 'canAddMyDriveParent', 'canChangeCopyRequiresWriterPermission', 'canChangeItemDownloadRestriction',
    'canChangeSecurityUpdateEnabled', 'canChangeViewersCanCopyContent', 'canComment', 'canCopy', 'canDelete', 'canDisableInheritedPermissions',
    'canDownload', 'canEdit', 'canEnableInheritedPermissions', 'canListChildren', 'canModifyContent', 'canModifyContentRestriction',
    'canModifyEditorContentRestriction', 'canModifyLabels', 'canModifyOwnerContentRestriction', 'canMoveChildrenWithinDrive',
    'canMoveItemIntoTeamDrive', 'canMoveItemOutOfDrive', 'canMoveItemWithinDrive', 'canReadLabels', 'canReadRevisions', 'canRemoveChildren',
    'canRemoveContentRestriction', 'canRemoveMyDriveParent', 'canRename', 'canShare', 'canTrash', 'canUntrash',
  ],
  conditional: {
    canDeleteChildren: 'shared drive folders', canTrashChildren: 'shared drive folders', canReadDrive: 'shared drive items',
    canMoveChildrenOutOfDrive: 'shared drive folders', canStartApproval: 'files that support approvals',
  },
};
const DOWNLOAD_RESTRICTION: ViewSpec = { schema: 'DownloadRestriction', always: ['restrictedForReaders', 'restrictedForWriters'] };
const USER: ViewSpec = { schema: 'User', always: ['kind', 'displayName', 'me'], conditional: { emailAddress: 'when visible to the caller', permissionId: 'same', photoLink: 'when the user has a photo' } };
/** A comment's or reply's author: the reference says email and permission id are never populated. */
const AUTHOR: ViewSpec = {
  schema: 'User', always: ['kind', 'displayName', 'me'], conditional: { photoLink: 'when the user has a photo' },
  never: { emailAddress: "'The author's email address and permission ID will not be populated'", permissionId: 'same' },
};
const PERMISSION_DEFAULT: ViewSpec = { schema: 'Permission', always: ['kind', 'id', 'type', 'role'] };
const PERMISSION_FULL: ViewSpec = {
  schema: 'Permission', always: ['kind', 'id', 'type', 'role', 'deleted', 'pendingOwner', 'inheritedPermissionsDisabled'],
  conditional: {
    emailAddress: 'users and groups', domain: 'domain grants', displayName: 'users, groups and domains', allowFileDiscovery: 'domain and anyone',
    expirationTime: 'when set', photoLink: 'users with a photo', permissionDetails: 'when the permission is inherited or in a shared drive', view: 'published views',
  },
};

/** The File resource in the `fields=*` view, for anything that is not a folder unless said. */
const FILE_FULL: ViewSpec = {
  schema: 'File',
  always: [
    'kind', 'id', 'name', 'mimeType', 'starred', 'trashed', 'explicitlyTrashed', 'parents', 'spaces', 'version', 'webViewLink', 'iconLink',
    'hasThumbnail', 'thumbnailVersion', 'viewedByMe', 'createdTime', 'modifiedTime', 'modifiedByMe', 'shared', 'ownedByMe', 'capabilities',
    'viewersCanCopyContent', 'copyRequiresWriterPermission', 'writersCanShare', 'permissionIds', 'quotaBytesUsed', 'isAppAuthorized',
    'linkShareMetadata', 'downloadRestrictions', 'inheritedPermissionsDisabled', 'size',
  ],
  conditional: {
    owners: 'My Drive items', lastModifyingUser: 'when known', description: 'when set', trashedTime: 'trashed items', trashingUser: 'trashed items',
    driveId: 'shared drive items', teamDriveId: 'shared drive items', webContentLink: 'blob files', fileExtension: 'blob files with one',
    fullFileExtension: 'blob files with one', originalFilename: 'blob files', md5Checksum: 'blob files', sha1Checksum: 'blob files',
    sha256Checksum: 'blob files', headRevisionId: 'blob files', exportLinks: 'Docs editors files', permissions: 'when the caller can share',
    viewedByMeTime: 'when viewed', modifiedByMeTime: 'when the caller modified it', sharingUser: 'shared with the caller', sharedWithMeTime: 'same',
    properties: 'when set', appProperties: 'when set', folderColorRgb: 'folders', thumbnailLink: 'with a thumbnail', contentRestrictions: 'when set',
    labelInfo: 'with includeLabels', resourceKey: 'link-shared items with a key', imageMediaMetadata: 'images', videoMediaMetadata: 'videos',
    contentHints: 'when set', shortcutDetails: 'shortcuts', hasAugmentedPermissions: 'shared drive items', clientEncryptionDetails: 'encrypted files',
  },
  nested: {
    capabilities: FILE_CAPABILITIES,
    linkShareMetadata: { schema: 'File.linkShareMetadata', always: ['securityUpdateEligible', 'securityUpdateEnabled'] },
    downloadRestrictions: { schema: 'DownloadRestrictionsMetadata', always: ['itemDownloadRestriction', 'effectiveDownloadRestrictionWithContext'], nested: { itemDownloadRestriction: DOWNLOAD_RESTRICTION, effectiveDownloadRestrictionWithContext: DOWNLOAD_RESTRICTION } },
    owners: USER, lastModifyingUser: USER, permissions: PERMISSION_FULL,
  },
};
/** A folder in the `fields=*` view: the same, without a size ("Won't be populated for … folders"). */
const FOLDER_FULL: ViewSpec = { ...FILE_FULL, always: FILE_FULL.always.filter((f) => f !== 'size'), never: { size: 'folders have no size' } };
const FILE_DEFAULT: ViewSpec = { schema: 'File', always: ['kind', 'id', 'name', 'mimeType'] };
const REPLY: ViewSpec = {
  schema: 'Reply', always: ['kind', 'id', 'createdTime', 'modifiedTime', 'author', 'deleted'],
  conditional: { content: 'not deleted', htmlContent: 'not deleted', action: 'replies that resolve or reopen' }, nested: { author: AUTHOR },
};
const COMMENT: ViewSpec = {
  schema: 'Comment', always: ['kind', 'id', 'createdTime', 'modifiedTime', 'author', 'deleted', 'resolved', 'replies'],
  conditional: {
    content: 'not deleted', htmlContent: 'not deleted', anchor: 'anchored comments', quotedFileContent: 'when quoting',
    assigneeEmailAddress: 'assigned comments', mentionedEmailAddresses: 'with mentions',
  },
  nested: { author: AUTHOR, replies: REPLY },
};
const REVISION_FULL: ViewSpec = {
  schema: 'Revision', always: ['kind', 'id', 'mimeType', 'modifiedTime', 'lastModifyingUser', 'keepForever'],
  conditional: {
    size: 'blob files', md5Checksum: 'blob files', originalFilename: 'blob files', exportLinks: 'Docs editors files', published: 'Docs editors files',
    publishAuto: 'Docs editors files', publishedOutsideDomain: 'Docs editors files', publishedLink: 'published Docs editors files',
  },
  nested: { lastModifyingUser: USER },
};
const DRIVE_FULL: ViewSpec = {
  schema: 'Drive', always: ['kind', 'id', 'name', 'createdTime', 'hidden', 'colorRgb', 'themeId', 'backgroundImageLink', 'capabilities', 'restrictions'],
  conditional: { orgUnitId: 'with admin access', backgroundImageFile: 'with a custom image' },
};
const TEAM_DRIVE: ViewSpec = {
  schema: 'TeamDrive', always: ['kind', 'id', 'name', 'createdTime', 'colorRgb', 'themeId', 'backgroundImageLink', 'capabilities', 'restrictions'],
  conditional: { orgUnitId: 'with admin access', backgroundImageFile: 'with a custom image' },
};
const CHANNEL: ViewSpec = { schema: 'Channel', always: ['kind', 'id', 'resourceId', 'resourceUri', 'expiration'], conditional: { token: 'when the watch request set one' } };
const CHANGE: ViewSpec = {
  schema: 'Change', always: ['kind', 'changeType', 'time', 'removed'],
  conditional: { fileId: 'file changes', file: 'file changes not removed', driveId: 'drive changes', drive: 'drive changes', type: 'deprecated', teamDriveId: 'deprecated', teamDrive: 'deprecated' },
};
const APPROVAL: ViewSpec = {
  schema: 'Approval', always: ['kind', 'approvalId', 'targetFileId', 'createTime', 'modifyTime', 'status', 'initiator', 'reviewerResponses', 'fileContentChangeBehavior'],
  conditional: { completeTime: 'completed approvals', dueTime: 'when set' },
  nested: { initiator: USER, reviewerResponses: { schema: 'ReviewerResponse', always: ['kind', 'reviewer', 'response'], nested: { reviewer: USER } } },
};
const APP: ViewSpec = {
  schema: 'App',
  always: [
    'kind', 'id', 'name', 'objectType', 'shortDescription', 'longDescription', 'supportsCreate', 'supportsImport', 'supportsMultiOpen', 'supportsOfflineCreate',
    'installed', 'authorized', 'hasDriveWideScope', 'useByDefault', 'productId', 'productUrl', 'primaryMimeTypes', 'secondaryMimeTypes',
    'primaryFileExtensions', 'secondaryFileExtensions', 'openUrlTemplate', 'createUrl', 'createInFolderTemplate', 'icons',
  ],
  nested: { icons: { schema: 'AppIcons', always: ['category', 'iconUrl', 'size'] } },
};
const LABEL: ViewSpec = { schema: 'Label', always: ['kind', 'id', 'revisionId', 'fields'] };
const PROPOSAL: ViewSpec = {
  schema: 'AccessProposal', always: ['fileId', 'proposalId', 'requesterEmailAddress', 'recipientEmailAddress', 'createTime', 'rolesAndViews'],
  conditional: { requestMessage: 'when the requester wrote one' },
  nested: { rolesAndViews: { schema: 'AccessProposalRoleAndView', always: ['role'], conditional: { view: 'proposals for a view' } } },
};
const OPERATION: ViewSpec = { schema: 'Operation', always: ['name', 'done'], conditional: { response: 'when done without error', error: 'when failed', metadata: 'when the method reports progress' } };

/** Views of the Drive reference. */
export const DRIVE_VIEWS = {
  fileDefault: FILE_DEFAULT,
  fileFull: FILE_FULL,
  folderFull: FOLDER_FULL,
  fileListDefault: { schema: 'FileList', always: ['kind', 'incompleteSearch', 'files'], conditional: { nextPageToken: 'when more pages follow' }, nested: { files: FILE_DEFAULT } },
  fileListFull: { schema: 'FileList', always: ['kind', 'incompleteSearch', 'files'], conditional: { nextPageToken: 'when more pages follow' }, nested: { files: FILE_FULL } },
  generatedIds: { schema: 'GeneratedIds', always: ['kind', 'space', 'ids'] },
  permissionDefault: PERMISSION_DEFAULT,
  permissionFull: PERMISSION_FULL,
  permissionList: { schema: 'PermissionList', always: ['kind', 'permissions'], conditional: { nextPageToken: 'when more pages follow' }, nested: { permissions: PERMISSION_DEFAULT } },
  comment: COMMENT,
  commentList: { schema: 'CommentList', always: ['kind', 'comments'], conditional: { nextPageToken: 'when more pages follow' }, nested: { comments: COMMENT } },
  reply: REPLY,
  replyList: { schema: 'ReplyList', always: ['kind', 'replies'], conditional: { nextPageToken: 'when more pages follow' }, nested: { replies: REPLY } },
  revisionDefault: { schema: 'Revision', always: ['kind', 'id', 'mimeType', 'modifiedTime'] },
  revisionFull: REVISION_FULL,
  revisionList: { schema: 'RevisionList', always: ['kind', 'revisions'], conditional: { nextPageToken: 'when more pages follow' }, nested: { revisions: { schema: 'Revision', always: ['kind', 'id', 'mimeType', 'modifiedTime'] } } },
  startPageToken: { schema: 'StartPageToken', always: ['kind', 'startPageToken'] },
  changeList: {
    schema: 'ChangeList', always: ['kind', 'changes'], conditional: { nextPageToken: 'when more pages follow', newStartPageToken: 'on the last page' },
    nested: { changes: CHANGE },
  },
  channel: CHANNEL,
  about: {
    schema: 'About',
    always: ['kind', 'user', 'storageQuota', 'importFormats', 'exportFormats', 'maxImportSizes', 'maxUploadSize', 'appInstalled', 'folderColorPalette', 'driveThemes', 'canCreateDrives', 'canCreateTeamDrives', 'teamDriveThemes'],
    nested: { user: { ...USER, always: ['kind', 'displayName', 'me', 'emailAddress', 'permissionId'] }, storageQuota: { schema: 'About.storageQuota', always: ['limit', 'usage', 'usageInDrive', 'usageInDriveTrash'] } },
  },
  driveDefault: { schema: 'Drive', always: ['kind', 'id', 'name'] },
  driveFull: DRIVE_FULL,
  driveList: { schema: 'DriveList', always: ['kind', 'drives'], conditional: { nextPageToken: 'when more pages follow' }, nested: { drives: { schema: 'Drive', always: ['kind', 'id', 'name'] } } },
  teamDrive: TEAM_DRIVE,
  teamDriveList: { schema: 'TeamDriveList', always: ['kind', 'teamDrives'], conditional: { nextPageToken: 'when more pages follow' }, nested: { teamDrives: TEAM_DRIVE } },
  approval: APPROVAL,
  approvalList: { schema: 'ApprovalList', always: ['kind', 'items'], conditional: { nextPageToken: 'when more pages follow' }, nested: { items: APPROVAL } },
  app: APP,
  appList: { schema: 'AppList', always: ['kind', 'items', 'defaultAppIds', 'selfLink'], nested: { items: APP } },
  labelList: { schema: 'LabelList', always: ['kind', 'labels'], conditional: { nextPageToken: 'when more pages follow' }, nested: { labels: LABEL } },
  modifyLabels: { schema: 'ModifyLabelsResponse', always: ['kind', 'modifiedLabels'], nested: { modifiedLabels: LABEL } },
  proposal: PROPOSAL,
  proposalList: { schema: 'ListAccessProposalsResponse', always: ['accessProposals'], conditional: { nextPageToken: 'when more pages follow' }, nested: { accessProposals: PROPOSAL } },
  operation: OPERATION,
  cseToken: { schema: 'GenerateCseTokenResponse', always: ['kind', 'fileId', 'jwt', 'currentKaclsId', 'currentKaclsName'] },
} satisfies Record<string, ViewSpec>;

const V = DRIVE_VIEWS;
type D = drive_v3.Drive;

function p(method: string, expect: Probe<D>['expect'], call: Probe<D>['call'], what?: string): Probe<D> {
  return { method, expect, call, ...(what ? { what } : {}) };
}

const watchBody = (id: string): drive_v3.Schema$Channel => ({ id, type: 'web_hook', address: 'https://example.invalid/notify', token: 'probe' });
const idOf = (r: { data: unknown }) => String((r.data as { id?: string }).id ?? '');

/** An approval on the caller's file started by a colleague, so the caller can answer it as reviewer. */
function seedApproval(ws: Workspace, fileId: string, initiator: string, reviewer: string, n: number): string {
  const now = ws.now();
  const a: DriveApproval = {
    approvalId: `probe-approval-${n}`, fileId, initiatorEmail: initiator, status: 'IN_PROGRESS', createTime: now, modifyTime: now,
    fileContentChangeBehavior: 'RESET_APPROVAL', reviewers: [{ email: reviewer, response: 'NO_RESPONSE' }], activity: [{ byEmail: initiator, action: 'start', time: now }],
  };
  ws.collection<DriveApproval>(C.approvals).set(a.approvalId, a);
  return a.approvalId;
}

/** Probes for every Drive method, in an order where later probes use what earlier ones made. */
export function driveProbes(principal: string, ws: Workspace): Probe<D>[] {
  const domain = principal.slice(principal.indexOf('@'));
  const colleague = `shape.probe.colleague${domain}`;
  return [
    p('about.get', expectView(V.about), (d) => gaxios(d.about.get({ fields: '*' }))),
    p('files.list', expectView(V.fileListDefault), (d) => gaxios(d.files.list({ pageSize: 10 })), 'default fields'),
    p('files.list', expectView(V.fileListFull), async (d, st) => {
      const r = await gaxios(d.files.list({ q: `'${principal}' in owners and trashed = false and mimeType != '${FOLDER_MIME}'`, pageSize: 50, fields: '*' }));
      const files = (r.data as drive_v3.Schema$FileList).files ?? [];
      st.blob = files.find((f) => !f.mimeType?.startsWith('application/vnd.google-apps.'))?.id ?? '';
      st.doc = files.find((f) => f.mimeType === DOC_MIME)?.id ?? '';
      return r;
    }, "fields=*, the caller's files"),
    p('files.list', expectError(400, 'invalid', 'q'), (d) => gaxios(d.files.list({ q: "name contains 'unclosed" })), 'bad q'),
    p('files.list', expectError(400, 'invalid', 'pageToken'), (d) => gaxios(d.files.list({ pageToken: 'not-a-token' })), 'bad page token'),
    p('files.get', expectView(V.fileDefault), (d, st) => gaxios(d.files.get({ fileId: st.blob! })), 'default fields'),
    p('files.get', expectView(V.fileFull), (d, st) => gaxios(d.files.get({ fileId: st.blob!, fields: '*' })), 'fields=*, blob'),
    p('files.get', expectView(V.fileFull), (d, st) => gaxios(d.files.get({ fileId: st.doc!, fields: '*' })), 'fields=*, Google Doc'),
    p('files.get', expectView(V.folderFull), (d) => gaxios(d.files.get({ fileId: 'root', fields: '*' })), 'fields=*, My Drive'),
    p('files.get', expectError(404, 'notFound', 'fileId'), (d) => gaxios(d.files.get({ fileId: '1NoSuchFileAnywhere0000000000000' })), 'missing file'),
    p('files.create', expectView(V.folderFull), async (d, st) => {
      const r = await gaxios(d.files.create({ requestBody: { name: 'Shape probe', mimeType: FOLDER_MIME }, fields: '*' }));
      st.folder = idOf(r);
      return r;
    }, 'folder, fields=*'),
    p('files.create', expectView(V.fileDefault), async (d, st) => {
      const r = await gaxios(d.files.create({ requestBody: { name: 'probe.txt', parents: [st.folder!] }, media: { mimeType: 'text/plain', body: 'first' } }));
      st.up = idOf(r);
      return r;
    }, 'multipart upload'),
    p('files.update', expectView(V.fileDefault), (d, st) => gaxios(d.files.update({ fileId: st.up!, requestBody: { name: 'probe-renamed.txt' }, media: { mimeType: 'text/plain', body: 'second' } })), 'rename and new content'),
    p('files.update', expectError(403, 'insufficientFilePermissions'), (d) => gaxios(d.files.update({ fileId: 'root', requestBody: { name: 'Renamed root' } })), 'My Drive cannot be renamed'),
    p('files.copy', expectView(V.fileFull), async (d, st) => {
      const r = await gaxios(d.files.copy({ fileId: st.up!, requestBody: { name: 'probe-copy.txt' }, fields: '*' }));
      st.copy = idOf(r);
      return r;
    }, 'fields=*'),
    p('files.export', { kind: 'bytes' }, (d, st) => gaxios(d.files.export({ fileId: st.doc!, mimeType: 'text/plain' }))),
    p('files.export', expectError(403, 'fileNotExportable'), (d, st) => gaxios(d.files.export({ fileId: st.up!, mimeType: 'text/plain' })), 'blob file'),
    p('files.generateIds', expectView(V.generatedIds), (d) => gaxios(d.files.generateIds({ count: 3 }))),
    p('files.watch', expectView(V.channel), (d, st) => gaxios(d.files.watch({ fileId: st.up!, requestBody: watchBody('probe-file') }))),
    p('channels.stop', expectEmpty, (d) => gaxios(d.channels.stop({ requestBody: { id: 'probe-file', resourceId: 'x' } }))),
    p('files.modifyLabels', expectView(V.modifyLabels), (d, st) => gaxios(d.files.modifyLabels({ fileId: st.up!, requestBody: { labelModifications: [{ labelId: 'probeLabel', fieldModifications: [{ fieldId: 'level', setSelectionValues: ['high'] }] }] } }))),
    p('files.listLabels', expectView(V.labelList), (d, st) => gaxios(d.files.listLabels({ fileId: st.up! }))),
    p('files.download', expectView(V.operation), async (d, st) => {
      const r = await gaxios(d.files.download({ fileId: st.up! }));
      st.operation = String((r.data as { name?: string }).name ?? '');
      return r;
    }),
    p('operations.get', expectView(V.operation), (d, st) => gaxios(d.operations.get({ name: st.operation! }))),
    p('operations.get', expectError(404, 'notFound', 'name'), (d) => gaxios(d.operations.get({ name: 'no-such-operation' })), 'unknown operation'),
    p('files.download', expectError(403, 'fileNotDownloadable'), (d, st) => gaxios(d.files.download({ fileId: st.folder! })), 'a folder'),
    p('files.generateCseToken', expectView(V.cseToken), (d, st) => gaxios(d.files.generateCseToken({ fileId: st.up! }))),
    p('permissions.create', expectView(V.permissionDefault), async (d, st) => {
      const r = await gaxios(d.permissions.create({ fileId: st.up!, sendNotificationEmail: false, requestBody: { type: 'user', role: 'reader', emailAddress: colleague } }));
      st.perm = idOf(r);
      return r;
    }),
    p('permissions.list', expectView(V.permissionList), (d, st) => gaxios(d.permissions.list({ fileId: st.up! }))),
    p('permissions.get', expectView(V.permissionFull), (d, st) => gaxios(d.permissions.get({ fileId: st.up!, permissionId: st.perm!, fields: '*' })), 'fields=*'),
    p('permissions.get', expectError(404, 'notFound', 'permissionId'), (d, st) => gaxios(d.permissions.get({ fileId: st.up!, permissionId: '00000000000000000000' })), 'missing permission'),
    p('permissions.update', expectView(V.permissionDefault), (d, st) => gaxios(d.permissions.update({ fileId: st.up!, permissionId: st.perm!, requestBody: { role: 'commenter' } }))),
    p('permissions.delete', expectEmpty, (d, st) => gaxios(d.permissions.delete({ fileId: st.up!, permissionId: st.perm! }))),
    p('comments.create', expectView(V.comment), async (d, st) => {
      const r = await gaxios(d.comments.create({ fileId: st.up!, fields: '*', requestBody: { content: 'Shape probe comment' } }));
      st.comment = idOf(r);
      return r;
    }),
    p('comments.list', expectError(400, 'required', 'fields'), (d, st) => gaxios(d.comments.list({ fileId: st.up! })), 'fields missing'),
    p('replies.create', expectView(V.reply), async (d, st) => {
      const r = await gaxios(d.replies.create({ fileId: st.up!, commentId: st.comment!, fields: '*', requestBody: { content: 'A reply' } }));
      st.reply = idOf(r);
      return r;
    }),
    p('comments.get', expectView(V.comment), (d, st) => gaxios(d.comments.get({ fileId: st.up!, commentId: st.comment!, fields: '*' }))),
    p('comments.list', expectView(V.commentList), (d, st) => gaxios(d.comments.list({ fileId: st.up!, fields: '*' }))),
    p('comments.update', expectView(V.comment), (d, st) => gaxios(d.comments.update({ fileId: st.up!, commentId: st.comment!, fields: '*', requestBody: { content: 'Edited' } }))),
    p('replies.get', expectView(V.reply), (d, st) => gaxios(d.replies.get({ fileId: st.up!, commentId: st.comment!, replyId: st.reply!, fields: '*' }))),
    p('replies.list', expectView(V.replyList), (d, st) => gaxios(d.replies.list({ fileId: st.up!, commentId: st.comment!, fields: '*' }))),
    p('replies.update', expectView(V.reply), (d, st) => gaxios(d.replies.update({ fileId: st.up!, commentId: st.comment!, replyId: st.reply!, fields: '*', requestBody: { content: 'Edited reply' } }))),
    p('replies.delete', expectEmpty, (d, st) => gaxios(d.replies.delete({ fileId: st.up!, commentId: st.comment!, replyId: st.reply! }))),
    p('comments.delete', expectEmpty, (d, st) => gaxios(d.comments.delete({ fileId: st.up!, commentId: st.comment! }))),
    p('revisions.list', expectView(V.revisionList), async (d, st) => {
      const r = await gaxios(d.revisions.list({ fileId: st.up! }));
      st.oldRev = String((r.data as drive_v3.Schema$RevisionList).revisions?.[0]?.id ?? '');
      return r;
    }),
    p('revisions.get', expectView(V.revisionDefault), (d, st) => gaxios(d.revisions.get({ fileId: st.up!, revisionId: st.oldRev! }))),
    p('revisions.get', expectView(V.revisionFull), (d, st) => gaxios(d.revisions.get({ fileId: st.up!, revisionId: st.oldRev!, fields: '*' })), 'fields=*'),
    p('revisions.update', expectView(V.revisionDefault), (d, st) => gaxios(d.revisions.update({ fileId: st.up!, revisionId: st.oldRev!, requestBody: { keepForever: true } }))),
    p('revisions.delete', expectEmpty, (d, st) => gaxios(d.revisions.delete({ fileId: st.up!, revisionId: st.oldRev! }))),
    p('changes.getStartPageToken', expectView(V.startPageToken), (d) => gaxios(d.changes.getStartPageToken({}))),
    p('changes.list', expectView(V.changeList), (d) => gaxios(d.changes.list({ pageToken: '1', pageSize: 20, fields: '*' })), 'fields=*'),
    p('changes.watch', expectView(V.channel), (d) => gaxios(d.changes.watch({ pageToken: '1', requestBody: watchBody('probe-changes') }))),
    p('drives.create', expectView(V.driveFull), async (d, st) => {
      const r = await gaxios(d.drives.create({ requestId: 'shape-probe-drive', requestBody: { name: 'Shape probe drive' }, fields: '*' }));
      st.drive = idOf(r);
      return r;
    }, 'fields=*'),
    p('drives.create', expectError(409), (d) => gaxios(d.drives.create({ requestId: 'shape-probe-drive', requestBody: { name: 'Again' } })), 'repeated requestId'),
    p('drives.get', expectView(V.driveDefault), (d, st) => gaxios(d.drives.get({ driveId: st.drive! }))),
    p('drives.get', expectError(404, 'notFound', 'driveId'), (d) => gaxios(d.drives.get({ driveId: '0ANoSuchDrive00000' })), 'missing drive'),
    p('drives.list', expectView(V.driveList), (d) => gaxios(d.drives.list({}))),
    p('drives.update', expectView(V.driveFull), (d, st) => gaxios(d.drives.update({ driveId: st.drive!, requestBody: { name: 'Shape probe drive 2' }, fields: '*' }))),
    p('drives.hide', expectView(V.driveDefault), (d, st) => gaxios(d.drives.hide({ driveId: st.drive! }))),
    p('drives.unhide', expectView(V.driveDefault), (d, st) => gaxios(d.drives.unhide({ driveId: st.drive! }))),
    p('drives.delete', expectEmpty, (d, st) => gaxios(d.drives.delete({ driveId: st.drive! }))),
    p('teamdrives.create', expectView(V.teamDrive), async (d, st) => {
      const r = await gaxios(d.teamdrives.create({ requestId: 'shape-probe-team', requestBody: { name: 'Shape probe team' } }));
      st.team = idOf(r);
      return r;
    }),
    p('teamdrives.get', expectView(V.teamDrive), (d, st) => gaxios(d.teamdrives.get({ teamDriveId: st.team! }))),
    p('teamdrives.get', expectError(404, 'notFound', 'teamDriveId'), (d) => gaxios(d.teamdrives.get({ teamDriveId: '0ANoSuchTeamDrive0' })), 'missing team drive'),
    p('teamdrives.list', expectView(V.teamDriveList), (d) => gaxios(d.teamdrives.list({}))),
    p('teamdrives.update', expectView(V.teamDrive), (d, st) => gaxios(d.teamdrives.update({ teamDriveId: st.team!, requestBody: { name: 'Shape probe team 2' } }))),
    p('teamdrives.delete', expectEmpty, (d, st) => gaxios(d.teamdrives.delete({ teamDriveId: st.team! }))),
    p('accessproposals.list', expectView(V.proposalList), async (d, st) => {
      st.proposal = addAccessProposal(ws, { fileId: st.up!, requesterEmail: colleague, role: 'commenter', message: 'May I comment?' }).proposalId;
      return gaxios(d.accessproposals.list({ fileId: st.up! }));
    }),
    p('accessproposals.get', expectView(V.proposal), (d, st) => gaxios(d.accessproposals.get({ fileId: st.up!, proposalId: st.proposal! }))),
    p('accessproposals.resolve', expectEmpty, (d, st) => gaxios(d.accessproposals.resolve({ fileId: st.up!, proposalId: st.proposal!, requestBody: { action: 'DENY' } }))),
    p('accessproposals.get', expectError(404, 'notFound', 'proposalId'), (d, st) => gaxios(d.accessproposals.get({ fileId: st.up!, proposalId: st.proposal! })), 'resolved proposal'),
    p('approvals.start', expectView(V.approval), async (d, st) => {
      const r = await gaxios(d.approvals.start({ fileId: st.up!, requestBody: { reviewerEmails: [colleague], message: 'Please review', dueTime: '2031-01-01T00:00:00Z' } }));
      st.approval = String((r.data as { approvalId?: string }).approvalId ?? '');
      return r;
    }),
    p('approvals.get', expectView(V.approval), (d, st) => gaxios(d.approvals.get({ fileId: st.up!, approvalId: st.approval! }))),
    p('approvals.get', expectError(404, 'notFound', 'approvalId'), (d, st) => gaxios(d.approvals.get({ fileId: st.up!, approvalId: 'no-such-approval' })), 'missing approval'),
    p('approvals.comment', expectView(V.approval), (d, st) => gaxios(d.approvals.comment({ fileId: st.up!, approvalId: st.approval!, requestBody: { message: 'Any news?' } }))),
    p('approvals.reassign', expectView(V.approval), (d, st) => gaxios(d.approvals.reassign({ fileId: st.up!, approvalId: st.approval!, requestBody: { addReviewers: [{ addedReviewerEmail: `second.reviewer${domain}` }] } }))),
    p('approvals.approve', expectError(403, 'forbidden'), (d, st) => gaxios(d.approvals.approve({ fileId: st.up!, approvalId: st.approval!, requestBody: {} })), 'not a reviewer'),
    p('approvals.cancel', expectView(V.approval), (d, st) => gaxios(d.approvals.cancel({ fileId: st.up!, approvalId: st.approval!, requestBody: { message: 'Withdrawn' } }))),
    p('approvals.approve', expectView(V.approval), (d, st) => gaxios(d.approvals.approve({ fileId: st.up!, approvalId: seedApproval(ws, st.up!, colleague, principal, 1), requestBody: { message: 'Approved' } })), 'as the reviewer'),
    p('approvals.decline', expectView(V.approval), (d, st) => gaxios(d.approvals.decline({ fileId: st.up!, approvalId: seedApproval(ws, st.up!, colleague, principal, 2), requestBody: { message: 'Declined' } })), 'as the reviewer'),
    p('approvals.list', expectView(V.approvalList), (d, st) => gaxios(d.approvals.list({ fileId: st.up! }))),
    p('apps.list', expectView(V.appList), async (d, st) => {
      const r = await gaxios(d.apps.list({}));
      st.app = String((r.data as drive_v3.Schema$AppList).items?.[0]?.id ?? '');
      return r;
    }),
    p('apps.get', expectView(V.app), (d, st) => gaxios(d.apps.get({ appId: st.app! }))),
    p('apps.get', expectError(404, 'notFound', 'appId'), (d) => gaxios(d.apps.get({ appId: 'no-such-app' })), 'missing app'),
    p('files.delete', expectEmpty, (d, st) => gaxios(d.files.delete({ fileId: st.copy! }))),
    p('files.emptyTrash', expectEmpty, (d) => gaxios(d.files.emptyTrash({}))),
  ];
}

/** The Drive adapter of the shape runner; `ws` is the served workspace (proposals are seeded into it, as the Drive UI makes them). */
export function driveAdapter(principal: string, ws: Workspace): ApiAdapter<D> {
  return { api: 'drive', schemas: withInlineSchemas(googleSchemas('drive')), checkError: googleErrorCheck('drive'), probes: driveProbes(principal, ws) };
}
