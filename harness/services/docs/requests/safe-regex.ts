/**
 * Regular expressions from agents (replaceAllText with searchByRegex) compiled so they run in
 * linear time. A backtracking engine can spend exponential time on a pattern like `(a+)+$`
 * and cannot be interrupted, so no work budget helps once it starts; Google's own engines
 * (RE2) are linear and refuse what cannot be linear (backreferences, lookaround). V8 ships
 * such an engine (the `l` flag) behind `--enable-experimental-regexp-engine`; it is switched
 * on here, once, which only adds that flag letter and changes no other regular expression.
 * Its limits: no `i` and no `u` flag. Case-insensitive search is compiled into ASCII case
 * classes (`a` → `[aA]`); patterns it cannot run are refused as invalid, as RE2 refuses them.
 * Where the engine is unavailable, patterns with nested quantifiers (the exponential case)
 * are refused instead.
 */
import { setFlagsFromString } from 'node:v8';

/** Longest pattern accepted (a search term, not a program). */
export const MAX_PATTERN_LENGTH = 1000;

function linearEngine(): boolean {
  try {
    // 'l' is V8's linear-time engine flag (behind a V8 option): unknown to the linter, probed here on purpose.
    // oxlint-disable-next-line no-invalid-regexp
    new RegExp('a', 'l');
    return true;
  } catch {
    try {
      setFlagsFromString('--enable-experimental-regexp-engine');
      // oxlint-disable-next-line no-invalid-regexp
      new RegExp('a', 'l');
      return true;
    } catch {
      return false;
    }
  }
}

const LINEAR = linearEngine();

/** Why a pattern is refused, or the compiled global RegExp. */
export type CompiledSearch = { ok: true; re: RegExp } | { ok: false; why: string };

/** Compiles a search pattern for global matching that cannot run away. */
export function compileSearch(pattern: string, matchCase: boolean): CompiledSearch {
  if (pattern.length > MAX_PATTERN_LENGTH) return { ok: false, why: `longer than ${MAX_PATTERN_LENGTH} characters` };
  if (LINEAR) {
    try {
      // oxlint-disable-next-line no-invalid-regexp
      return { ok: true, re: new RegExp(matchCase ? pattern : caseFold(pattern), 'gl') };
    } catch {
      return { ok: false, why: 'not a regular expression that can run in linear time (backreferences and lookaround are not supported)' };
    }
  }
  if (nestedQuantifier(pattern)) return { ok: false, why: 'nested quantifiers' };
  try {
    return { ok: true, re: new RegExp(pattern, matchCase ? 'gu' : 'giu') };
  } catch {
    return { ok: false, why: 'not a regular expression' };
  }
}

const isLetter = (c: string | undefined): c is string => c !== undefined && /^[A-Za-z]$/.test(c);
const swap = (c: string) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase());

/** Rewrites a pattern so ASCII letters match both cases without the `i` flag. */
function caseFold(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\') {
      // An escape keeps its meaning (\S, \d, \x41, \u00e9, \cA …): copy it and what it escapes.
      out += c + (p[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '(' && p[i + 1] === '?' && p[i + 2] === '<' && p[i + 3] !== '=' && p[i + 3] !== '!') {
      // A group name is not text to match.
      const end = p.indexOf('>', i);
      const stop = end < 0 ? p.length - 1 : end;
      out += p.slice(i, stop + 1);
      i = stop;
      continue;
    }
    if (c === '[') {
      let j = i + 1;
      let cls = '[';
      if (p[j] === '^') cls += p[j++];
      for (; j < p.length && p[j] !== ']'; j++) {
        const d = p[j]!;
        if (d === '\\') {
          cls += d + (p[j + 1] ?? '');
          j++;
        } else if (isLetter(d) && p[j + 1] === '-' && isLetter(p[j + 2])) {
          const e = p[j + 2]!;
          cls += `${d}-${e}${swap(d)}-${swap(e)}`;
          j += 2;
        } else cls += isLetter(d) ? d + swap(d) : d;
      }
      out += `${cls}]`;
      i = j;
      continue;
    }
    out += isLetter(c) ? `[${c}${swap(c)}]` : c;
  }
  return out;
}

/** True when a quantified group contains a quantifier or an alternation (exponential backtracking). */
function nestedQuantifier(p: string): boolean {
  const groups: boolean[] = [false];
  let lastGroupRisky = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\') {
      i++;
      lastGroupRisky = false;
    } else if (c === '[') {
      while (i < p.length && p[i] !== ']') i += p[i] === '\\' ? 2 : 1;
      lastGroupRisky = false;
    } else if (c === '(') {
      groups.push(false);
      if (p[i + 1] === '?') i++;
    } else if (c === ')') {
      lastGroupRisky = groups.pop() ?? false;
      if (groups.length === 0) groups.push(false);
      if (lastGroupRisky) groups[groups.length - 1] = true;
    } else if (c === '|') {
      groups[groups.length - 1] = true;
      lastGroupRisky = false;
    } else if (c === '*' || c === '+' || c === '?' || c === '{') {
      if (lastGroupRisky) return true;
      groups[groups.length - 1] = true;
      lastGroupRisky = false;
    } else lastGroupRisky = false;
  }
  return false;
}
