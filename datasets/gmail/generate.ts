/** Base gmail data for the synthetic company (filled in by the gmail service work). */
import type { Rng, Workspace } from '../../harness/core/index.ts';
import type { Company } from '../company/company.ts';

/** Adds the company's base gmail records to a workspace being built. */
export function generateGmail(_ws: Workspace, _company: Company, _rng: Rng): void {}
