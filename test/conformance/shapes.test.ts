/**
 * Response-shape conformance, generated from public sources: field types from the
 * `Schema$…` typings the official @googleapis clients ship, presence rules per view from the
 * API reference (harness/coverage/shape/{gmail,calendar,drive,docs}.ts; Slack's in slack/). Every implemented method is
 * called through the official client against a live server on the base workspace; every
 * always-returned field must be present with the schema's JSON type, no field may be one
 * the API does not document, and errors must have the API's envelope. Prints the
 * per-service count.
 */
import { describe, expect, it } from 'vitest';
import { checkGoogleError, checkView } from '../../harness/coverage/shape/check.ts';
import { googleSchemas, readSchemas } from '../../harness/coverage/shape/google-schemas.ts';
import { CALENDAR_VIEWS } from '../../harness/coverage/shape/calendar.ts';
import { GMAIL_VIEWS } from '../../harness/coverage/shape/gmail.ts';
import { DRIVE_VIEWS, withInlineSchemas } from '../../harness/coverage/shape/drive.ts';
import { DOCS_VIEWS, PROBED_REQUEST_KINDS } from '../../harness/coverage/shape/docs.ts';
import { DOCS_REQUEST_KINDS } from '../../harness/services/docs/request-kinds.ts';
import type { ViewSpec } from '../../harness/coverage/shape/types.ts';
import { checkShapes, SHAPE_APIS } from '../../harness/coverage/shape/live.ts';
import { slackService } from '../../harness/services/slack/index.ts';
import { renderShapeResults } from '../../harness/coverage/shape/run.ts';
import { officialMethods } from '../../harness/coverage/client-methods.ts';
import { baseWorkspace, companyFor, DEFAULT_SEED } from '../../datasets/base-workspace.ts';
import { createWorkspace } from '../../harness/services/workspace.ts';

describe('schemas read from the official clients', () => {
  it('reads nested, inline, array and map types of the generated typings', () => {
    const cal = googleSchemas('calendar');
    const event = cal('Event')!;
    expect(event.fields.attendees).toEqual({ json: 'array', items: { json: 'object', ref: 'EventAttendee' } });
    expect(event.fields.creator?.fields?.email).toEqual({ json: 'string' });
    expect(event.fields.sequence).toEqual({ json: 'number' });
    expect(event.docs.summary).toBe('Title of the event.');
    expect(cal('Colors')!.fields.event).toEqual({ json: 'object', values: { json: 'object', ref: 'ColorDefinition' } });
    expect(Object.keys(googleSchemas('gmail')('Label')!.fields).sort()).toEqual(
      ['color', 'id', 'labelListVisibility', 'messageListVisibility', 'messagesTotal', 'messagesUnread', 'name', 'threadsTotal', 'threadsUnread', 'type'],
    );
    const toy = readSchemas('    export interface Schema$A {\n        /** doc */\n        b?: Schema$B[];\n        m?: {\n            [key: string]: string;\n        } | null;\n    }\n');
    expect(toy.get('A')).toEqual({ name: 'A', fields: { b: { json: 'array', items: { json: 'object', ref: 'B' } }, m: { json: 'object', values: { json: 'string' } } }, docs: { b: 'doc' } });
  });

  it('every view names a schema the client ships and only fields that schema documents', () => {
    // Docs' views refer to themselves (table cells hold structural elements, tabs hold tabs): each is checked once.
    const seen = new Set<ViewSpec>();
    const check = (api: string, schemas: ReturnType<typeof googleSchemas>, name: string, view: ViewSpec) => {
      if (seen.has(view)) return;
      seen.add(view);
      const schema = schemas(view.schema);
      expect(schema, `${api} view ${name}`).toBeDefined();
      for (const f of [...view.always, ...Object.keys(view.conditional ?? {}), ...Object.keys(view.never ?? {})]) expect(schema!.fields[f], `${api} ${view.schema}.${f}`).toBeDefined();
      for (const [k, sub] of Object.entries(view.nested ?? {})) check(api, schemas, `${name}.${k}`, sub);
    };
    for (const [api, views] of [['gmail', GMAIL_VIEWS], ['calendar', CALENDAR_VIEWS], ['drive', DRIVE_VIEWS], ['docs', DOCS_VIEWS]] as const) {
      const schemas = withInlineSchemas(googleSchemas(api));
      for (const [name, view] of Object.entries(views) as [string, ViewSpec][]) check(api, schemas, name, view);
    }
  });
});

describe('the checker finds each kind of divergence', () => {
  const schemas = googleSchemas('gmail');
  it('a missing always-field, a wrong JSON type, an undocumented field, nested views', () => {
    const ok = checkView({ id: 'Label_1', name: 'A', type: 'user' }, GMAIL_VIEWS.label, schemas);
    expect(ok.problems).toEqual([]);
    expect(ok.checked).toBe(6);
    const bad = checkView({ id: 'Label_1', type: 'user', messagesTotal: '3', emailAddress: 'x@y' }, GMAIL_VIEWS.label, schemas);
    expect(bad.problems.map((p) => p.path).sort()).toEqual(['$.emailAddress', '$.messagesTotal', '$.name']);
    const part = checkView({ id: 'm', threadId: 't', labelIds: [], snippet: '', sizeEstimate: 1, historyId: '1', internalDate: '1', payload: { partId: '', mimeType: 'text/plain', filename: '', headers: [{ name: 'To' }], body: { size: '1' } } }, GMAIL_VIEWS.messageFull, schemas);
    expect(part.problems.map((p) => p.path).sort()).toEqual(['$.payload.body.size', '$.payload.headers[0].value']);
  });

  it('a field the reference says a view never populates (Drive comment authors) is a divergence', () => {
    const drive = withInlineSchemas(googleSchemas('drive'));
    const author = DRIVE_VIEWS.comment.nested!.author!;
    expect(checkView({ kind: 'drive#user', displayName: 'A', me: true }, author, drive).problems).toEqual([]);
    const leaky = checkView({ kind: 'drive#user', displayName: 'A', me: true, emailAddress: 'a@x', permissionId: '1' }, author, drive);
    expect(leaky.problems.map((p) => p.path).sort()).toEqual(['$.emailAddress', '$.permissionId']);
    // Inline object types (File.capabilities) are read from the typings like named ones.
    expect(drive('File.capabilities')!.fields.canEdit).toEqual({ json: 'boolean' });
  });

  it('Docs views: a default view carrying tabs, a missing footnote number deep in a table cell, a wrong type in a map value', () => {
    const docs = googleSchemas('docs');
    const para = (elements: unknown[]) => ({ endIndex: 2, paragraph: { elements, paragraphStyle: { namedStyleType: 'NORMAL_TEXT', direction: 'LEFT_TO_RIGHT' } } });
    const cell = (content: unknown[]) => ({ endIndex: 5, content, tableCellStyle: { rowSpan: 1, columnSpan: 1, backgroundColor: {}, paddingLeft: {}, paddingRight: {}, paddingTop: {}, paddingBottom: {}, contentAlignment: 'TOP' } });
    const doc = (extra: Record<string, unknown>, inCell: unknown[]) => ({
      documentId: 'd', title: 't', revisionId: 'r', suggestionsViewMode: 'SUGGESTIONS_INLINE',
      body: { content: [{ endIndex: 1, sectionBreak: { sectionStyle: { columnSeparatorStyle: 'NONE', contentDirection: 'LEFT_TO_RIGHT', sectionType: 'CONTINUOUS' } } },
        { startIndex: 1, endIndex: 9, table: { rows: 1, columns: 1, tableStyle: { tableColumnProperties: [{ widthType: 'EVENLY_DISTRIBUTED' }] }, tableRows: [{ startIndex: 2, endIndex: 8, tableRowStyle: { minRowHeight: {} }, tableCells: [cell([para(inCell)])] }] } }] },
      documentStyle: { background: {}, pageNumberStart: 1, marginTop: {}, marginBottom: {}, marginRight: {}, marginLeft: {}, pageSize: {} },
      namedStyles: { styles: [{ namedStyleType: 'NORMAL_TEXT', textStyle: {}, paragraphStyle: {} }] },
      ...extra,
    });
    const ref = { endIndex: 4, footnoteReference: { footnoteId: 'kix.1', footnoteNumber: '1', textStyle: {} } };
    expect(checkView(doc({ footnotes: { 'kix.1': { footnoteId: 'kix.1', content: [para([{ endIndex: 2, textRun: { content: ' \n', textStyle: {} } }])] } } }, [ref]), DOCS_VIEWS.document, docs).problems).toEqual([]);
    const bad = checkView(doc({ tabs: [], footnotes: { 'kix.1': { footnoteId: 7, content: [] } } }, [{ endIndex: 4, footnoteReference: { footnoteId: 'kix.1', textStyle: {} } }]), DOCS_VIEWS.document, docs);
    expect(bad.problems.map((p) => p.path).sort()).toEqual([
      '$.body.content[1].table.tableRows[0].tableCells[0].content[0].paragraph.elements[0].footnoteReference.footnoteNumber',
      '$.footnotes.kix.1.footnoteId',
      '$.tabs',
    ]);
  });

  it('the Docs probes send every implemented batchUpdate request kind', () => {
    expect([...DOCS_REQUEST_KINDS].filter((k) => !PROBED_REQUEST_KINDS.includes(k))).toEqual([]);
  });

  it('error envelopes by dialect: status only where the API sends it', () => {
    const aip = { error: { code: 404, message: 'Requested entity was not found.', errors: [{ message: 'x', domain: 'global', reason: 'notFound' }], status: 'NOT_FOUND' } };
    expect(checkGoogleError(aip, 404, { status: 404, reason: 'notFound' }, true).problems).toEqual([]);
    expect(checkGoogleError(aip, 404, { status: 404 }, false).problems.map((p) => p.path)).toEqual(['$.error.status']);
    const { status: _s, ...legacy } = aip.error;
    expect(checkGoogleError({ error: legacy }, 404, { status: 404 }, true).problems.map((p) => p.path)).toEqual(['$.error.status']);
    expect(checkGoogleError({ error: legacy }, 400, { status: 404 }, false).problems.map((p) => p.path)).toEqual(['HTTP status', '$.error.code']);
    // Drive names the parameter: location and locationType are checked when the probe names one.
    const located = { error: { ...legacy, errors: [{ ...legacy.errors[0], location: 'fileId', locationType: 'parameter' }] } };
    expect(checkGoogleError(located, 404, { status: 404, location: 'fileId' }, false).problems).toEqual([]);
    expect(checkGoogleError({ error: legacy }, 404, { status: 404, location: 'fileId' }, false).problems.map((p) => p.path)).toEqual(['$.error.errors[0].location', '$.error.errors[0].locationType']);
  });
});

describe('every implemented Gmail, Calendar, Drive, Docs and Slack method, through the official clients', () => {
  it('returns every field the real resource carries in that view, with the right JSON type, and the real error envelope', async () => {
    const ws = createWorkspace(baseWorkspace(DEFAULT_SEED));
    const results = await checkShapes(ws, companyFor(DEFAULT_SEED).owner.email);
    process.stdout.write(`\nResponse-shape conformance (base workspace):\n${renderShapeResults(results)}\n`);
    const official = officialMethods();
    // Slack implements a part of its API: every implemented method is probed (its own suite, test/conformance/slack, details them).
    const slackImplemented = slackService.operations.filter((op) => !op.transport).length;
    expect(results.map((r) => r.api)).toEqual([...SHAPE_APIS]);
    for (const r of results) {
      expect(r.divergences, `${r.api} divergences`).toEqual([]);
      const want = r.api === 'slack' ? slackImplemented : official[r.api as 'gmail' | 'calendar' | 'drive' | 'docs'].length;
      expect(r.methods, `${r.api}: every method probed`).toBe(want);
      expect(r.fieldsChecked).toBeGreaterThan(1000);
    }
  }, 240_000);
});
