/** Base slack data for the synthetic company (filled in by the slack service work). */
import type { Rng, Workspace } from '../../harness/core/index.ts';
import type { Company } from '../company/company.ts';

/** Adds the company's base slack records to a workspace being built. */
export function generateSlack(_ws: Workspace, _company: Company, _rng: Rng): void {}
