/** Base drive data for the synthetic company (filled in by the drive service work). */
import type { Rng, Workspace } from '../../harness/core/index.ts';
import type { Company } from '../company/company.ts';

/** Adds the company's base drive records to a workspace being built. */
export function generateDrive(_ws: Workspace, _company: Company, _rng: Rng): void {}
