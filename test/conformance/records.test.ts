/**
 * Every stored record of the base workspace matches its collection's zod schema, for the
 * services on the template (Gmail, Calendar): the schemas are what the harness validates
 * and documents, so a generator that drifted from them would store records no schema
 * admits. Drive, Docs and Slack join this list as they move onto the template.
 */
import { describe, expect, it } from 'vitest';
import { baseWorkspace, DEFAULT_SEED } from '../../datasets/base-workspace.ts';
import { calendarService } from '../../harness/services/calendar/index.ts';
import { gmailService } from '../../harness/services/gmail/index.ts';
import { createWorkspace } from '../../harness/services/workspace.ts';

describe('base workspace records against their zod schemas', () => {
  const ws = createWorkspace(baseWorkspace(DEFAULT_SEED));
  for (const service of [gmailService, calendarService]) {
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
      expect(records).toBeGreaterThan(100);
    });
  }
});
