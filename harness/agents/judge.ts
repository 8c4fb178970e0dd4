/** A judge model for model-judged rubric items, from a `provider:model` spec (temperature 0, pinned). */
import { DeskbenchError } from '../core/index.ts';
import type { Judge } from '../../scorers/grading/judge.ts';
import { MODEL_FAMILIES, type AgentOptions, type ModelFamily } from './options.ts';
import { createProvider, type ProviderExtras } from './providers/index.ts';

/** Resolves `--judge openai:gpt-5-mini` (and the like) to a judge; E_CONFIG for a spec that cannot work. */
export function resolveJudge(spec: string, options: AgentOptions = {}, extras: ProviderExtras = {}): Judge {
  const i = spec.indexOf(':');
  const family = spec.slice(0, Math.max(0, i));
  const model = spec.slice(i + 1).trim();
  if (i <= 0 || !model || !(MODEL_FAMILIES as readonly string[]).includes(family)) {
    throw new DeskbenchError('E_CONFIG', `unknown judge "${spec}"`, { hint: `use ${MODEL_FAMILIES.map((f) => `${f}:<model>`).join(', ')}` });
  }
  return { id: `${family}:${model}`, provider: createProvider(family as ModelFamily, model, { temperature: 0, ...options }, extras) };
}
