/** Builds the shared base workspace of the synthetic company: every service's data from one seed. */
import { createRng, type WorkspaceBase } from '../harness/core/index.ts';
import { createEmptyWorkspace } from '../harness/services/workspace.ts';
import { generateCompany, type Company } from './company/company.ts';
import { generateGmail } from './gmail/generate.ts';
import { generateCalendar } from './calendar/generate.ts';
import { generateDrive } from './drive/generate.ts';
import { generateDocs } from './docs/generate.ts';
import { generateSlack } from './slack/generate.ts';
import { addHaystackCopies, checkScale } from './scale/add-copies.ts';
import { generateDocuments } from './documents/generate.ts';

/** The default company seed used by runs unless `--seed` says otherwise. */
export const DEFAULT_SEED = 1;

/** The default haystack size: the base as generated, no extra copies. */
export const DEFAULT_SCALE = 1;

const cache = new Map<string, WorkspaceBase>();

/**
 * The base workspace for a seed, built once per process and shared read-only by every
 * trial. Each service draws from its own forked random stream, so adding data to one
 * service never shifts another's. `scale` N > 1 adds N−1 older copies of the haystack
 * (mail, meetings, files, messages) and leaves every record of scale 1 as it is.
 */
export function baseWorkspace(seed = DEFAULT_SEED, scale = DEFAULT_SCALE): WorkspaceBase {
  const key = `${seed}x${checkScale(scale)}`;
  const hit = cache.get(key);
  if (hit) return hit;
  // The people are the same for every seed (tasks name them in instructions);
  // the seed varies the haystack: mail, events, files, messages.
  const company = generateCompany(DEFAULT_SEED);
  const rng = createRng(`base/${seed}`);
  const ws = createEmptyWorkspace();
  generateGmail(ws, company, rng.fork('gmail'));
  generateCalendar(ws, company, rng.fork('calendar'));
  generateDrive(ws, company, rng.fork('drive'));
  generateDocs(ws, company, rng.fork('docs'));
  generateSlack(ws, company, rng.fork('slack'));
  // Last, on its own stream: real document bytes for a few files and attachments the others made.
  generateDocuments(ws, company, rng.fork('documents'));
  addHaystackCopies(ws, company, rng.fork('scale'), scale);
  const base = ws.toBase();
  cache.set(key, base);
  return base;
}

/** The company behind a base workspace (the same people for every seed). */
export function companyFor(_seed = DEFAULT_SEED): Company {
  return generateCompany(DEFAULT_SEED);
}
