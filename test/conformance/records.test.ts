/**
 * Every stored record of the base workspace matches its collection's zod schema, for all
 * five services: the schemas are what the harness validates and documents, so a generator
 * that drifted from them would store records no schema admits.
 */
import { describe, expect, it } from 'vitest';
import { baseWorkspace, DEFAULT_SEED } from '../../datasets/base-workspace.ts';
import { calendarService } from '../../harness/services/calendar/index.ts';
import { gmailService } from '../../harness/services/gmail/index.ts';
import { driveService } from '../../harness/services/drive/index.ts';
import { docsService } from '../../harness/services/docs/index.ts';
import { slackService } from '../../harness/services/slack/index.ts';
import { createWorkspace } from '../../harness/services/workspace.ts';

describe('base workspace records against their zod schemas', () => {
  const ws = createWorkspace(baseWorkspace(DEFAULT_SEED));
  for (const service of [gmailService, calendarService, driveService, docsService, slackService]) {
    it(`${service.id}: every record of every collection parses`, () => {
      let records = 0;
      const bad: string[] = [];
      for (const [name, schema] of Object.entries(service.collections)) {
        for (const [id, rec] of ws.collection(`${service.id}.${name}`).entries()) {
          records++;
          const r = schema.safeParse(rec);
          if (!r.success && bad.length < 10) bad.push(`${service.id}.${name}:${id}: ${r.error.issues[0]?.path.join('.')} ${r.error.issues[0]?.message}`);
        }
      }
      expect(bad).toEqual([]);
      // The base holds dozens of records per service (60 documents, hundreds of messages): an empty collection list would pass vacuously.
      expect(records).toBeGreaterThan(50);
    });
  }
});
