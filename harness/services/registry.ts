/** The explicit registry of the five services and every operation they define. */
import type { Operation, Service, ServiceId } from '../core/index.ts';
import { collectionKey } from '../core/index.ts';
import { gmailService } from './gmail/index.ts';
import { calendarService } from './calendar/index.ts';
import { driveService } from './drive/index.ts';
import { docsService } from './docs/index.ts';
import { slackService } from './slack/index.ts';

/** Every service, keyed by id, in display order. */
export const SERVICES: Readonly<Record<ServiceId, Service>> = {
  gmail: gmailService,
  calendar: calendarService,
  drive: driveService,
  docs: docsService,
  slack: slackService,
};

/** Every operation of every service, keyed by operation id. */
export const OPERATIONS: ReadonlyMap<string, Operation> = new Map(
  Object.values(SERVICES).flatMap((s) => s.operations.map((op) => [op.id, op] as const)),
);

/** Every collection key of every service (`gmail.messages`, …). */
export const COLLECTION_KEYS: readonly string[] = Object.values(SERVICES).flatMap((s) =>
  Object.keys(s.collections).map((c) => collectionKey(s.id, c)),
);
