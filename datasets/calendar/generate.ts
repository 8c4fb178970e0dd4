/** Base calendar data for the synthetic company (filled in by the calendar service work). */
import type { Rng, Workspace } from '../../harness/core/index.ts';
import type { Company } from '../company/company.ts';

/** Adds the company's base calendar records to a workspace being built. */
export function generateCalendar(_ws: Workspace, _company: Company, _rng: Rng): void {}
