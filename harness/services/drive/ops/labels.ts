/**
 * files.listLabels and files.modifyLabels: Drive labels applied to a file and their field
 * values (the `Label` / `LabelField` resources). This workspace has no label catalogue (that
 * lives in the Drive Labels API), so any well-formed label id can be applied; a modification
 * applies atomically ("all succeed or all fail") and the response holds only the labels it
 * added or updated.
 */
import { z } from 'zod';
import { defineOperation, hexId, type OperationContext } from '../../../core/index.ts';
import { qInt } from '../../wire-schema.ts';
import { requireFile } from '../access.ts';
import { invalidValue, requiredField } from '../errors.ts';
import { recordChange } from '../file-record.ts';
import { C, permissionKey, type DriveFileLabel } from '../model.ts';
import { decodePageToken, paginate, pageSize } from '../paging.ts';
import { selectFields } from '../render.ts';
import { callerOf, fieldsParam, fileIdParam, pageTokenParam, resolveFileId } from './common.ts';

const labels = (ctx: OperationContext) => ctx.ws.collection<DriveFileLabel>(C.labels);
const ID = /^[A-Za-z0-9_-]{1,128}$/;
/** Bounds on one modifyLabels request (hostile input). */
const MAX_MODIFICATIONS = 100;
const MAX_VALUES = 100;

/** The value kinds of a label field: wire setter name → LabelField property and value type. */
const SETTERS = {
  setTextValues: { prop: 'text', valueType: 'text' },
  setIntegerValues: { prop: 'integer', valueType: 'integer' },
  setDateValues: { prop: 'dateString', valueType: 'dateString' },
  setSelectionValues: { prop: 'selection', valueType: 'selection' },
  setUserValues: { prop: 'user', valueType: 'user' },
} as const;

/** The `drive#label` resource. */
function wireLabel(l: DriveFileLabel): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [id, f] of Object.entries(l.fields)) {
    const prop = Object.values(SETTERS).find((s) => s.valueType === f.valueType)?.prop ?? 'text';
    const values = prop === 'user' ? f.values.map((e) => ({ kind: 'drive#user', emailAddress: String(e) })) : prop === 'integer' ? f.values.map(String) : f.values;
    fields[id] = { kind: 'drive#labelField', id, valueType: f.valueType, [prop]: values };
  }
  return { kind: 'drive#label', id: l.labelId, revisionId: l.revisionId, fields };
}

const FieldModification = z.looseObject({
  fieldId: z.string().optional().describe('The ID of the field to modify.'),
  kind: z.string().optional().describe("Always 'drive#labelFieldModification'."),
  setTextValues: z.array(z.string()).optional().describe('Replaces the value of a text field.'),
  setIntegerValues: z.array(z.union([z.string(), z.number()])).optional().describe('Replaces the value of an integer field.'),
  setDateValues: z.array(z.string()).optional().describe('Replaces the value of a date field (YYYY-MM-DD).'),
  setSelectionValues: z.array(z.string()).optional().describe('Replaces a selection field with these choice ids.'),
  setUserValues: z.array(z.string()).optional().describe('Replaces a user field with these email addresses.'),
  unsetValues: z.boolean().optional().describe('Unsets the values of the field.'),
});
const ModifyBody = z.looseObject({
  kind: z.string().optional().describe("Always 'drive#modifyLabelsRequest'."),
  labelModifications: z.array(z.looseObject({
    labelId: z.string().optional().describe('The ID of the label to add, modify or remove.'),
    kind: z.string().optional().describe("Always 'drive#labelModification'."),
    removeLabel: z.boolean().optional().describe('Removes the label from the file.'),
    fieldModifications: z.array(FieldModification).optional().describe("Changes to the label's fields."),
  })).optional().describe('The modifications, applied all or none.'),
});
type FieldMod = z.infer<typeof FieldModification>;

function fieldValue(m: FieldMod, at: string): { valueType: string; values: unknown[] } | null {
  if (m.unsetValues) return null;
  const set = (Object.keys(SETTERS) as Array<keyof typeof SETTERS>).filter((k) => m[k] !== undefined);
  if (set.length !== 1) throw invalidValue(at, 'Each field modification sets exactly one kind of value or unsets it.');
  const key = set[0]!;
  const values = (m[key] as unknown[]).slice();
  if (values.length > MAX_VALUES) throw invalidValue(at, `At most ${MAX_VALUES} values per field.`);
  if (key === 'setIntegerValues' && values.some((v) => !/^-?\d{1,18}$/.test(String(v)))) throw invalidValue(at, 'Integer values must be whole numbers.');
  if (key === 'setDateValues' && values.some((v) => !/^\d{4}-\d{2}-\d{2}$/.test(String(v)))) throw invalidValue(at, 'Date values are YYYY-MM-DD.');
  return { valueType: SETTERS[key].valueType, values: key === 'setIntegerValues' ? values.map(String) : values };
}

function modifyLabels(ctx: OperationContext, fileId: string, body: z.infer<typeof ModifyBody>) {
  const me = callerOf(ctx);
  const { file } = requireFile(ctx.ws, resolveFileId(fileId, me), me, 'writer');
  const mods = body.labelModifications ?? [];
  if (mods.length === 0) throw requiredField('labelModifications', 'At least one label modification is required.');
  if (mods.length > MAX_MODIFICATIONS) throw invalidValue('labelModifications', `At most ${MAX_MODIFICATIONS} modifications per request.`);
  const touched: DriveFileLabel[] = [];
  for (const [i, m] of mods.entries()) {
    const at = `labelModifications[${i}]`;
    if (!m.labelId || !ID.test(m.labelId)) throw invalidValue(`${at}.labelId`, `Invalid label id: ${m.labelId ?? ''}`);
    const key = permissionKey(file.id, m.labelId);
    if (m.removeLabel) {
      labels(ctx).delete(key);
      continue;
    }
    const cur = labels(ctx).peek(key);
    const fields = { ...cur?.fields };
    const fieldMods = m.fieldModifications ?? [];
    if (fieldMods.length > MAX_MODIFICATIONS) throw invalidValue(`${at}.fieldModifications`, `At most ${MAX_MODIFICATIONS} field modifications per label.`);
    for (const [j, f] of fieldMods.entries()) {
      if (!f.fieldId || !ID.test(f.fieldId)) throw invalidValue(`${at}.fieldModifications[${j}].fieldId`, `Invalid field id: ${f.fieldId ?? ''}`);
      const v = fieldValue(f, `${at}.fieldModifications[${j}]`);
      if (v === null) delete fields[f.fieldId];
      else fields[f.fieldId] = v;
    }
    const next: DriveFileLabel = { fileId: file.id, labelId: m.labelId, revisionId: hexId('drive-label-rev', ctx.ws.nextCounter('drive.labelRevision'), 8), fields };
    labels(ctx).set(key, next);
    touched.push(next);
  }
  recordChange(ctx.ws, file.id, me);
  return { kind: 'drive#modifyLabelsResponse', modifiedLabels: touched.map(wireLabel) };
}

/** The label operations. */
export const labelOps = [
  defineOperation({
    id: 'drive.files.listLabels', service: 'drive', style: 'google', kind: 'read',
    http: { method: 'GET', path: '/drive/v3/files/{fileId}/listLabels' },
    description: 'Lists the labels applied to a file with their field values.',
    params: z.object({ fileId: fileIdParam, maxResults: qInt('Maximum labels per page (1–100, default 100).'), pageToken: pageTokenParam, fields: fieldsParam }),
    handler: (ctx, { params: p }) => {
      const me = callerOf(ctx);
      const { file } = requireFile(ctx.ws, resolveFileId(p.fileId, me), me);
      const all: DriveFileLabel[] = [];
      for (const l of labels(ctx).values()) if (l.fileId === file.id) all.push(l);
      all.sort((a, b) => (a.labelId < b.labelId ? -1 : 1));
      const query = { labels: file.id };
      const { page, nextPageToken } = paginate(all, decodePageToken(p.pageToken, query), pageSize(p.maxResults, 100, 100), query);
      return selectFields({ kind: 'drive#labelList', labels: page.map(wireLabel), ...(nextPageToken ? { nextPageToken } : {}) }, p.fields, undefined);
    },
  }),
  defineOperation({
    id: 'drive.files.modifyLabels', service: 'drive', style: 'google', kind: 'write',
    http: { method: 'POST', path: '/drive/v3/files/{fileId}/modifyLabels' },
    description: "Adds, updates or removes labels on a file (writers): each modification names a labelId, removeLabel, or fieldModifications (setTextValues, setIntegerValues, setDateValues, setSelectionValues, setUserValues, unsetValues). All or none apply; the answer lists the labels added or updated.",
    params: z.object({ fileId: fileIdParam }),
    body: ModifyBody,
    handler: (ctx, { params, body }) => modifyLabels(ctx, params.fileId, body),
  }),
];
