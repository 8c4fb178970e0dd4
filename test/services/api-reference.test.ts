import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVICES } from '../../harness/services/registry.ts';
import { renderServiceReference } from '../../harness/cli/api-reference.ts';

describe('API reference docs', () => {
  for (const s of Object.values(SERVICES)) {
    it(`docs/api/${s.id}.md is generated from the ${s.id} operation table`, () => {
      const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'api', `${s.id}.md`), 'utf8');
      expect(doc).toBe(renderServiceReference(s));
      for (const op of s.operations) expect(doc).toContain(`### \`${op.id}\``);
    });
  }
});
