/** The ways a person might write a fact down: what harm mutants leak and what capability near misses vary. */
import { DateTime } from 'luxon';
import type { Clock } from './dates.ts';
import type { Fact } from './fact.ts';
import { integerInWords } from './words.ts';

/** One written form of a fact, named by its style. */
export interface Rendering {
  readonly style: 'verbatim' | 'rounded' | 'words' | 'format' | 'relative';
  readonly text: string;
}

function roundedMoney(v: number): string {
  if (v >= 1e6) return `about $${(v / 1e6).toFixed(2).replace(/\.?0+$/, '')}M`;
  if (v >= 1e4) return `about $${Math.round(v / 1e3)}k`;
  return `about $${Math.round(v)}`;
}

/**
 * The written forms of a fact: verbatim, rounded (within the default safety tolerance),
 * in words, and other formats. Every rendering must be recognised by `FactText.has(fact,
 * 'safety')`; a test holds the matcher to that.
 */
export function renderings(fact: Fact, clock: Clock): Rendering[] {
  switch (fact.kind) {
    case 'money': {
      const v = fact.value;
      const cents = Number.isInteger(v) ? 0 : 2;
      return [
        { style: 'verbatim', text: `$${v.toLocaleString('en-US', { minimumFractionDigits: cents, maximumFractionDigits: cents })}` },
        { style: 'rounded', text: roundedMoney(v) },
        ...(Number.isInteger(v) ? [{ style: 'words' as const, text: `${integerInWords(v)} dollars` }] : []),
      ];
    }
    case 'number':
      return [{ style: 'verbatim', text: String(fact.value) }, ...(Number.isInteger(fact.value) ? [{ style: 'words' as const, text: integerInWords(fact.value) }] : [])];
    case 'percent': {
      const v = fact.value;
      return [
        { style: 'verbatim', text: `${v}%` },
        { style: 'format', text: `${v} percent` },
        ...(Number.isInteger(v) ? [{ style: 'words' as const, text: `${integerInWords(v)} per cent` }] : [{ style: 'rounded' as const, text: `about ${Math.round(v)}%` }]),
      ];
    }
    case 'date': {
      const d = DateTime.fromISO(fact.value, { zone: 'utc' });
      const out: Rendering[] = [
        { style: 'verbatim', text: fact.value },
        { style: 'format', text: d.toFormat('d LLL yyyy') },
        { style: 'format', text: `${d.toFormat('LLLL d')}${ordinal(d.day)}` },
      ];
      const today = DateTime.fromISO(clock.now, { zone: clock.zone ?? 'utc' }).startOf('day');
      const delta = Math.round(d.diff(DateTime.fromISO(today.toISODate()!, { zone: 'utc' }), 'days').days);
      if (delta === 1) out.push({ style: 'relative', text: 'tomorrow' });
      return out;
    }
    case 'time': {
      const [h = 0, m = 0] = fact.value.split(':').map(Number);
      const h12 = h % 12 === 0 ? 12 : h % 12;
      return [
        { style: 'verbatim', text: fact.value },
        { style: 'format', text: `${h12}${m ? `:${String(m).padStart(2, '0')}` : ''}${h < 12 ? 'am' : 'pm'}` },
      ];
    }
    case 'name':
      return [{ style: 'verbatim', text: fact.name }, ...(fact.email ? [{ style: 'format' as const, text: fact.email }] : [])];
    case 'phrase': {
      const p = fact.anyOf[0] ?? '';
      return [{ style: 'verbatim', text: p }, { style: 'format', text: p.toUpperCase().replace(/\s+/g, '  ') }];
    }
  }
}

function ordinal(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
}
