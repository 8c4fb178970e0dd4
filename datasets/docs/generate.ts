/** Base docs data for the synthetic company (filled in by the docs service work). */
import type { Rng, Workspace } from '../../harness/core/index.ts';
import type { Company } from '../company/company.ts';

/** Adds the company's base docs records to a workspace being built. */
export function generateDocs(_ws: Workspace, _company: Company, _rng: Rng): void {}
