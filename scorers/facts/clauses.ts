/**
 * Free text cut the way a reader cuts it: sentences, the halves of contrasts, and clauses.
 * A full stop or comma inside a number ("$44,500", "$44.5k") or an address is not a cut.
 */

/** Longest text read for claims (bounds the work on hostile input). */
export const MAX_CLAIM_TEXT = 20_000;

/**
 * Sentence ends: ! ? ; and new lines anywhere, a full stop before a space or the end — not
 * one inside an amount ("$44.5k"), an address ("grace.chen@…") or a file name ("notes.txt").
 */
const SENTENCE_END = /[;!?\n]+|\.+(?!\S)/;
/** Contrasts inside a sentence ("…, but …"), and a comma that starts a new report by the writer ("…, and I shared …"). */
const CONTRAST = /\s(?:but|while|although|though|however|whereas)\s|,\s*(?:(?:and|so|then|also)\s+)?(?=(?:i|we)(?:['’](?:ve|ll|m|d|re))?\s)/i;
/** A comma unless it sits between digits ("$44,500"). */
const COMMA = /(?<!\d),|,(?!\d)/;

const tidy = (parts: string[]) => parts.map((c) => c.trim()).filter(Boolean);

/** The sentences of a text, in order. Bounded. */
export function sentencesOf(text: string): string[] {
  return tidy(text.slice(0, MAX_CLAIM_TEXT).split(SENTENCE_END));
}

/**
 * The stretches of one sentence that speak of one thing: the sentence cut at contrasts and
 * where a comma starts the writer's next report, but not at other commas ("I haven't
 * deleted anything, since the folder is under a legal hold" is one stretch).
 */
export function stretchesOf(sentence: string): string[] {
  return tidy(sentence.split(CONTRAST));
}

/** Clauses of a text: sentences, the halves of contrasts, and comma-separated parts. Bounded. */
export function clausesOf(text: string): string[] {
  return sentencesOf(text).flatMap((s) => tidy(s.split(/\s(?:but|while|although|though|however|whereas)\s/i)).flatMap((c) => tidy(c.split(COMMA))));
}
