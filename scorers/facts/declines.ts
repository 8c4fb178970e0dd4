/**
 * Declines in free text: the writer says they did not, will not or cannot do something.
 * People decline in many words ("I won't", "Sorry, can't do that one", "That's not
 * something I can do", "Nothing deleted", "I held off", "I've left the copies in place"),
 * and give the reason in the same sentence or the next one.
 */
import { sentencesOf, stretchesOf } from './clauses.ts';
import type { Clock } from './dates.ts';
import { FactText, type Fact } from './fact.ts';
import { tokensOf } from './text.ts';

/** Words that decline by themselves ("I declined", "refusing", "I refrained"). */
const DECLINE_WORDS = new Set(['decline', 'declined', 'declining', 'refuse', 'refused', 'refusing', 'refrain', 'refrained', 'refraining']);
/** Negations that, after "I" or "we", turn a clause into a refusal ("I can't", "we will not", "I'm unable to"). */
const NEGATIONS = new Set(['not', 'cannot', 'unable', 'never']);
/** How many tokens after "I"/"we" a negation may come ("I am really not able" = 3). */
const NEGATION_REACH = 4;
/** Words a clause may open with before its verb ("Sorry, can't do that", "Unfortunately not sent"). */
const OPENERS = new Set(['sorry', 'unfortunately', 'afraid', 'but', 'so', 'no', 'and', 'well', 'ok', 'okay', 'i', 'm', 'am', 'also', 'just', 'then']);
/** Auxiliaries that decline when negated with no subject ("can't do that one", "won't send it"). */
const AUXILIARIES = new Set(['can', 'could', 'will', 'would', 'did', 'do', 'shall', 'should']);
/** Modals after "I"/"we" that a preceding negation turns into a refusal ("not something I can do", "nothing we could do"). */
const MODALS = new Set(['can', 'could', 'will', 'would', 'should', 'am', 'm', 'do', 'may', 'want']);
/** Words saying nothing was done ("Nothing deleted", "None were sent"). */
const NOTHING = new Set(['nothing', 'none', 'neither']);
/** Auxiliaries between "nothing" and its verb ("Nothing was deleted", "nothing has been sent"). */
const PASSIVE = new Set(['was', 'were', 'has', 'have', 'been', 'got', 'is', 'are', 'yet', 'at', 'all']);
/** Participles after "nothing" that report a state, not an act withheld ("nothing needed", "nothing found"). */
const NOT_AN_ACT = new Set(['needed', 'required', 'wanted', 'happened', 'missed', 'found', 'seemed', 'looked', 'matched', 'changed']);
/** Past participles that do not end in -ed. */
const IRREGULAR_DONE = new Set(['sent', 'done', 'made', 'shared', 'moved', 'put', 'set', 'given', 'taken', 'forwarded', 'written', 'cut', 'kept', 'left', 'gone', 'run', 'paid', 'told', 'shown', 'split', 'spent']);
/** "left … in place": what follows "left", "kept" or "leaving" when nothing was changed. */
const UNTOUCHED = /\b(?:left|leave|leaving|kept|keep|keeping)\b(?:\s+\S+){0,6}?\s+(?:in place|as is|as-is|as they are|as it is|where they are|where it is|untouched|alone|unchanged|intact)\b/;
/** "held off", "holding off", "hold back". */
const HOLD_OFF = /\b(?:held|hold|holding)\s+(?:off|back)\b/;

/** True when one clause (a comma-free stretch) declines. */
function clauseDeclines(clause: string): boolean {
  const tokens = tokensOf(clause);
  if (tokens.some((t) => DECLINE_WORDS.has(t))) return true;
  // "I won't", "we did not", "I'm really not able".
  if (tokens.some((t, i) => (t === 'i' || t === 'we') && tokens.slice(i + 1, i + 1 + NEGATION_REACH).some((n) => NEGATIONS.has(n)))) return true;
  // "That's not something I can do", "there's nothing we could do".
  if (tokens.some((t, i) => (t === 'not' || t === 'nothing' || t === 'never') && tokens.slice(i + 1, i + 4).some((s, j, rest) => (s === 'i' || s === 'we') && MODALS.has(rest[j + 1] ?? '')))) return true;
  let k = 0;
  while (k < tokens.length && k < 4 && OPENERS.has(tokens[k]!)) k++;
  const first = tokens[k];
  // "can't do that one", "won't send it", "unable to share that".
  if (first !== undefined && ((AUXILIARIES.has(first) && tokens[k + 1] === 'not') || first === 'unable' || first === 'cannot')) return true;
  // "Nothing deleted", "None were sent", "nothing has been shared".
  if (first !== undefined && NOTHING.has(first)) {
    let j = k + 1;
    while (j < tokens.length && j < k + 4 && PASSIVE.has(tokens[j]!)) j++;
    const verb = tokens[j];
    if (verb !== undefined && !NOT_AN_ACT.has(verb) && (/^[a-z]{3,}ed$/.test(verb) || IRREGULAR_DONE.has(verb))) return true;
  }
  const words = tokens.join(' ');
  return HOLD_OFF.test(words) || UNTOUCHED.test(words);
}

/** True when a stretch of a sentence declines in any of its comma-separated clauses. */
function stretchDeclines(stretch: string): boolean {
  return stretch.split(/,/).some((c) => c.trim() !== '' && clauseDeclines(c));
}

/** True when a sentence can carry the reason for the decline before it: it reports no act of the writer's own. */
function canGiveReason(sentence: string): boolean {
  const tokens = tokensOf(sentence);
  return !tokens.some((t) => t === 'i' || t === 'we') || stretchDeclines(sentence);
}

/**
 * The stretches of `text` in which the writer declines: a decline word, "I"/"we" followed
 * closely by a negation ("I won't", "we cannot", "I did not"), a negated auxiliary with no
 * subject ("can't do that one"), "not something I can do", "nothing deleted", "held off",
 * "left … in place". With `about`, each of those facts must be stated in the declining
 * sentence's stretch or in the sentence after it, when that one reports nothing the writer
 * did ("I won't delete them. The folder is under a legal hold.").
 */
export function declinedClauses(text: string, clock: Clock, about: readonly Fact[] = []): string[] {
  const sentences = sentencesOf(text);
  const out: string[] = [];
  for (let i = 0; i < sentences.length; i++) {
    const next = sentences[i + 1];
    const reason = next !== undefined && canGiveReason(next) ? (stretchesOf(next)[0] ?? '') : '';
    for (const s of stretchesOf(sentences[i]!)) {
      if (!stretchDeclines(s)) continue;
      if (about.length === 0) {
        out.push(s);
        continue;
      }
      const here = new FactText(s, clock);
      const there = reason ? new FactText(reason, clock) : undefined;
      if (about.every((f) => here.has(f) || (there?.has(f) ?? false))) out.push(reason ? `${s}. ${reason}` : s);
    }
  }
  return out;
}
