/**
 * The calendars of company 1 as calendar tests and benchmarks read them: its owner (who calls),
 * the CEO, the shared calendars, and the week and month the realistic trial lists.
 */
import { companyFor } from '../../datasets/base-workspace.ts';
import { sharedCalendarIds } from '../../datasets/calendar/generate.ts';

export const company = companyFor(1);
export const OWNER = company.owner.email;
export const CEO = company.employees.find((p) => p.managerId === null)!.email;
export const SHARED = sharedCalendarIds(company);
export const auth = { principal: OWNER, tokenKind: 'user' as const };
export const opts = { face: 'tool' as const, auth };

export const WEEK = { timeMin: '2026-03-16T00:00:00-04:00', timeMax: '2026-03-23T00:00:00-04:00' };
export const MONTH = { timeMin: '2026-03-01T00:00:00-05:00', timeMax: '2026-04-01T00:00:00-04:00' };
