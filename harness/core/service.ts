/** The Service contract: one mock API, its record collections and its operation table. */
import type { z } from 'zod';
import type { ServiceId } from './ids.ts';
import type { Operation, WireStyle } from './operation.ts';

/**
 * One service of the workplace. `collections` names the record kinds this service
 * owns (each becomes `service.name` in the workspace) with the zod schema of a record.
 */
export interface Service {
  readonly id: ServiceId;
  readonly title: string;
  readonly style: WireStyle;
  /** Prefix of every wire path (`/gmail/v1`, `/api`), for docs and routing checks. */
  readonly basePath: string;
  readonly collections: Readonly<Record<string, z.ZodType>>;
  readonly operations: readonly Operation[];
}

/** Defines a service; rejects duplicate operation ids and operations of another service. */
export function defineService(spec: Service): Service {
  const seen = new Set<string>();
  for (const op of spec.operations) {
    if (op.service !== spec.id) throw new Error(`${op.id} listed under service ${spec.id}`);
    if (op.style !== spec.style) throw new Error(`${op.id}: style ${op.style} differs from service ${spec.style}`);
    if (seen.has(op.id)) throw new Error(`duplicate operation id ${op.id}`);
    seen.add(op.id);
  }
  return spec;
}

/** Fully qualified collection key, `service.collection`. */
export function collectionKey(service: ServiceId, name: string): string {
  return `${service}.${name}`;
}
