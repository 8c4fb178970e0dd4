/** Test helpers: a trial workspace over the shared base and a typed invoke for calendar operations. */
import { expect } from 'vitest';
import { createRng, type ApiError, type Workspace, type WorkspaceBase } from '../../../harness/core/index.ts';
import { generateCompany } from '../../../datasets/company/company.ts';
import { generateCalendar, sharedCalendarIds } from '../../../datasets/calendar/generate.ts';
import { createEmptyWorkspace, createWorkspace } from '../../../harness/services/workspace.ts';

/** The base company. */
export const company = generateCompany(1);
/** The owner's address (`primary`). */
export const OWNER = company.owner.email;
/** The CEO (organizes the owner's weekly 1:1; the owner has writer on their calendar). */
export const CEO = company.employees.find((p) => p.managerId === null)!;
/** Shared calendar ids. */
export const SHARED = sharedCalendarIds(company);

let base: WorkspaceBase | undefined;

/**
 * A calendar-only base (built once): the same generator and seed stream as the shared
 * base, without the other services, so calendar tests do not depend on them.
 */
export function calendarBase(): WorkspaceBase {
  if (!base) {
    const ws = createEmptyWorkspace();
    generateCalendar(ws, company, createRng('base/1').fork('calendar'));
    base = ws.toBase();
  }
  return base;
}

/** A fresh trial workspace over the calendar base. */
export function trial(): Workspace {
  return createWorkspace(calendarBase());
}

/** Calls an operation as `principal` (default the owner) and returns the value; fails the test on error. */
export function ok<T = any>(ws: Workspace, op: string, args: Record<string, unknown> = {}, principal = OWNER): T {
  const r = ws.invoke(op, args, { face: 'tool', auth: { principal, tokenKind: 'user' } });
  if (!r.ok) throw new Error(`${op} failed: ${r.error.httpStatus} ${r.error.reason} ${r.error.message}`);
  return r.value as T;
}

/** Calls an operation expecting an ApiError with this status (and reason, when given). */
export function fails(ws: Workspace, op: string, args: Record<string, unknown>, status: number, reason?: string, principal = OWNER): ApiError {
  const r = ws.invoke(op, args, { face: 'tool', auth: { principal, tokenKind: 'user' } });
  expect(r.ok, `${op} should fail with ${status}`).toBe(false);
  if (r.ok) throw new Error('unreachable');
  expect(r.error.httpStatus).toBe(status);
  if (reason) expect(r.error.reason).toBe(reason);
  return r.error;
}

/** A timed event body in New York time. */
export function timed(summary: string, day: string, from: string, to: string, extra: Record<string, unknown> = {}) {
  return {
    summary,
    start: { dateTime: `${day}T${from}:00`, timeZone: 'America/New_York' },
    end: { dateTime: `${day}T${to}:00`, timeZone: 'America/New_York' },
    ...extra,
  };
}
