/** Drive records: the zod schemas of every drive collection and their inferred types. */
import { z } from 'zod';

/** MIME type of a folder. */
export const FOLDER_MIME = 'application/vnd.google-apps.folder';
/** MIME type of a Google Doc (same id as its `docs.documents` record). */
export const DOC_MIME = 'application/vnd.google-apps.document';
/** MIME type of a Google Sheet. */
export const SHEET_MIME = 'application/vnd.google-apps.spreadsheet';
/** MIME type of a Google Slides deck. */
export const SLIDES_MIME = 'application/vnd.google-apps.presentation';

/** Roles ordered from weakest to strongest (index = rank). */
export const ROLES = ['reader', 'commenter', 'writer', 'fileOrganizer', 'organizer', 'owner'] as const;
/** A permission role. */
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** A grantee type. */
export const GranteeType = z.enum(['user', 'group', 'domain', 'anyone']);
export type GranteeType = z.infer<typeof GranteeType>;

/**
 * A stored Drive file or folder. Wire fields as Drive spells them where they are stored
 * facts; derived wire fields (owners, shared, capabilities, webViewLink, size as a
 * string) are computed when rendering. Non-Google files carry their bytes in `content`
 * (UTF-8 text) or `contentBase64` (binary uploads); Google Docs keep their body in
 * `docs.documents` under the same id.
 */
export const DriveFile = z.object({
  id: z.string(),
  name: z.string(),
  mimeType: z.string(),
  /** Parent folder ids (empty for a root item; Drive allows exactly one parent). */
  parents: z.array(z.string()),
  /** Email of the owner (My Drive items have exactly one owner). */
  ownerEmail: z.string(),
  /** Shared drive id when the file lives in a shared drive. */
  driveId: z.string().optional(),
  createdTime: z.string(),
  modifiedTime: z.string(),
  lastModifyingUserEmail: z.string().optional(),
  viewedByMeTime: z.string().optional(),
  /** Email of whoever shared the file with the owner's audience, when shared by someone else. */
  sharingUserEmail: z.string().optional(),
  trashed: z.boolean(),
  /** True when trashed directly, false when trashed because a parent folder was. */
  explicitlyTrashed: z.boolean().optional(),
  trashedTime: z.string().optional(),
  trashingUserEmail: z.string().optional(),
  starred: z.boolean(),
  description: z.string().optional(),
  /** Bytes of content for blob files; absent for folders and Google-native files. */
  size: z.number().int().optional(),
  version: z.number().int(),
  headRevisionId: z.string().optional(),
  md5Checksum: z.string().optional(),
  originalFilename: z.string().optional(),
  properties: z.record(z.string(), z.string()).optional(),
  appProperties: z.record(z.string(), z.string()).optional(),
  webViewLink: z.string().optional(),
  folderColorRgb: z.string().optional(),
  writersCanShare: z.boolean().optional(),
  copyRequiresWriterPermission: z.boolean().optional(),
  /** UTF-8 text content (text, csv, markdown, json …). */
  content: z.string().optional(),
  /** Binary content, base64. */
  contentBase64: z.string().optional(),
});
export type DriveFile = z.infer<typeof DriveFile>;

/**
 * A stored permission, keyed `${fileId}/${id}`. User/group permission ids are stable per
 * address (see identity.ts); `anyone` is `anyoneWithLink` (or `anyone` when discoverable).
 */
export const DrivePermission = z.object({
  fileId: z.string(),
  id: z.string(),
  type: GranteeType,
  role: Role,
  emailAddress: z.string().optional(),
  domain: z.string().optional(),
  displayName: z.string().optional(),
  allowFileDiscovery: z.boolean().optional(),
  expirationTime: z.string().optional(),
  pendingOwner: z.boolean().optional(),
  /** Who granted it and when (facts for scorers; not on the wire). */
  grantedBy: z.string().optional(),
  createdTime: z.string().optional(),
});
export type DrivePermission = z.infer<typeof DrivePermission>;

/** A comment on a file, keyed by its id. */
export const DriveComment = z.object({
  id: z.string(),
  fileId: z.string(),
  content: z.string(),
  authorEmail: z.string(),
  createdTime: z.string(),
  modifiedTime: z.string(),
  resolved: z.boolean(),
  deleted: z.boolean(),
  anchor: z.string().optional(),
  quotedFileContent: z.object({ mimeType: z.string().optional(), value: z.string().optional() }).optional(),
});
export type DriveComment = z.infer<typeof DriveComment>;

/** A reply to a comment, keyed by its id. `action` resolves or reopens the comment. */
export const DriveReply = z.object({
  id: z.string(),
  commentId: z.string(),
  fileId: z.string(),
  content: z.string(),
  authorEmail: z.string(),
  createdTime: z.string(),
  modifiedTime: z.string(),
  deleted: z.boolean(),
  action: z.enum(['resolve', 'reopen']).optional(),
});
export type DriveReply = z.infer<typeof DriveReply>;

/** A revision of a file, keyed `${fileId}/${id}`. */
export const DriveRevision = z.object({
  id: z.string(),
  fileId: z.string(),
  mimeType: z.string(),
  modifiedTime: z.string(),
  lastModifyingUserEmail: z.string(),
  keepForever: z.boolean(),
  published: z.boolean(),
  size: z.number().int().optional(),
  originalFilename: z.string().optional(),
  md5Checksum: z.string().optional(),
});
export type DriveRevision = z.infer<typeof DriveRevision>;

/** One entry of the change feed, keyed by its decimal sequence number. */
export const DriveChange = z.object({
  id: z.string(),
  seq: z.number().int(),
  fileId: z.string(),
  time: z.string(),
  /** True when the file was deleted permanently. */
  removed: z.boolean(),
  /** Acting user (so changes can be filtered by who could see them). */
  byEmail: z.string(),
});
export type DriveChange = z.infer<typeof DriveChange>;

/** A sharing notification email the service "sent", keyed by id (what scorers read). */
export const DriveNotification = z.object({
  id: z.string(),
  fileId: z.string(),
  permissionId: z.string(),
  senderEmail: z.string(),
  recipient: z.string(),
  role: Role,
  type: GranteeType,
  emailMessage: z.string().optional(),
  sentAt: z.string(),
});
export type DriveNotification = z.infer<typeof DriveNotification>;

/** A shared drive, keyed by id. Members are permissions with `fileId` = the drive id. */
export const SharedDrive = z.object({
  id: z.string(),
  name: z.string(),
  createdTime: z.string(),
  hidden: z.boolean(),
  colorRgb: z.string().optional(),
  creatorEmail: z.string(),
  /** The drives.create requestId, so retries return the same drive. */
  requestId: z.string().optional(),
});
export type SharedDrive = z.infer<typeof SharedDrive>;

/**
 * A request for access to a file made in the Drive UI (the API cannot create one), keyed
 * `${fileId}/${proposalId}`. Pending until an approver resolves it; an accepted proposal
 * becomes a permission for the recipient, so grading sees the share like any other.
 */
export const DriveAccessProposal = z.object({
  fileId: z.string(),
  proposalId: z.string(),
  requesterEmail: z.string(),
  /** Who gets access when accepted (often the requester). */
  recipientEmail: z.string(),
  requestMessage: z.string().optional(),
  /** Roles asked for (writer, commenter or reader), each with an optional view (`published`). */
  rolesAndViews: z.array(z.object({ role: z.enum(['writer', 'commenter', 'reader']), view: z.string().optional() })),
  createTime: z.string(),
  /** How it was resolved (absent while pending), by whom and when. */
  resolution: z.enum(['ACCEPT', 'DENY']).optional(),
  resolvedBy: z.string().optional(),
  resolvedTime: z.string().optional(),
  /** The role granted on ACCEPT. */
  grantedRole: Role.optional(),
});
export type DriveAccessProposal = z.infer<typeof DriveAccessProposal>;

/** A reviewer's answer on an approval (Drive's ReviewerResponse.response). */
export const ReviewerAnswer = z.enum(['NO_RESPONSE', 'APPROVED', 'DECLINED']);
export type ReviewerAnswer = z.infer<typeof ReviewerAnswer>;

/**
 * A formal approval of a file (review, then approved, declined or cancelled), keyed by its
 * id. Messages sent with each step are kept, in order, as the approval's activity log.
 */
export const DriveApproval = z.object({
  approvalId: z.string(),
  fileId: z.string(),
  initiatorEmail: z.string(),
  status: z.enum(['IN_PROGRESS', 'APPROVED', 'DECLINED', 'CANCELLED']),
  createTime: z.string(),
  modifyTime: z.string(),
  completeTime: z.string().optional(),
  dueTime: z.string().optional(),
  fileContentChangeBehavior: z.enum(['RESET_APPROVAL', 'NO_APPROVAL_ACTION']),
  lockFile: z.boolean().optional(),
  reviewers: z.array(z.object({ email: z.string(), response: ReviewerAnswer })),
  activity: z.array(z.object({ byEmail: z.string(), action: z.string(), message: z.string().optional(), time: z.string() })),
});
export type DriveApproval = z.infer<typeof DriveApproval>;

/** A label applied to a file with its field values, keyed `${fileId}/${labelId}`. */
export const DriveFileLabel = z.object({
  fileId: z.string(),
  labelId: z.string(),
  revisionId: z.string(),
  /** Field values by field id: the value type and its values as the wire spells them. */
  fields: z.record(z.string(), z.object({ valueType: z.string(), values: z.array(z.unknown()) })),
});
export type DriveFileLabel = z.infer<typeof DriveFileLabel>;

/** Collection names (unqualified) with their record schemas, as the service declares them. */
export const DRIVE_COLLECTIONS = {
  files: DriveFile,
  permissions: DrivePermission,
  comments: DriveComment,
  replies: DriveReply,
  revisions: DriveRevision,
  changes: DriveChange,
  notifications: DriveNotification,
  drives: SharedDrive,
  accessProposals: DriveAccessProposal,
  approvals: DriveApproval,
  labels: DriveFileLabel,
} as const;

/** Fully qualified collection keys. */
export const C = {
  files: 'drive.files',
  permissions: 'drive.permissions',
  comments: 'drive.comments',
  replies: 'drive.replies',
  revisions: 'drive.revisions',
  changes: 'drive.changes',
  notifications: 'drive.notifications',
  drives: 'drive.drives',
  accessProposals: 'drive.accessProposals',
  approvals: 'drive.approvals',
  labels: 'drive.labels',
} as const;

/** Key of a permission record. */
export function permissionKey(fileId: string, permissionId: string): string {
  return `${fileId}/${permissionId}`;
}

/** Key of a revision record. */
export function revisionKey(fileId: string, revisionId: string): string {
  return `${fileId}/${revisionId}`;
}
