/** Text normalisation shared by every fact matcher: case, Unicode forms, punctuation and whitespace. */

/** Longest text a matcher reads; longer inputs are cut (grading must stay bounded on hostile input). */
export const MAX_FACT_TEXT = 400_000;

/** Typographic variants folded to ASCII before matching. */
const FOLD: ReadonlyArray<[RegExp, string]> = [
  [/[\u2018\u2019\u201a\u201b\u2032]/g, "'"],
  [/[\u201c\u201d\u201e\u201f\u2033]/g, '"'],
  [/[\u2010-\u2015\u2212]/g, '-'],
  [/[\u00a0\u2000-\u200b\u202f\u205f\u3000]/g, ' '],
  [/\u2026/g, '...'],
];

/**
 * Lower-case, NFKC-folded text with typographic quotes, dashes and spaces made ASCII,
 * cut to MAX_FACT_TEXT characters. Digits, currency signs and punctuation are kept:
 * number and date parsers need them.
 */
export function foldText(text: string): string {
  let t = String(text ?? '');
  if (t.length > MAX_FACT_TEXT) t = t.slice(0, MAX_FACT_TEXT);
  t = t.normalize('NFKC');
  for (const [re, to] of FOLD) t = t.replace(re, to);
  return t.toLowerCase();
}

/** Contractions with "not" spelled out, so "can't", "cannot" and "can not" are the same words (and `phrase("n't")` finds each). */
function expandNegations(t: string): string {
  return t.replace(/(\p{L}*)n't(?!\p{L})/gu, (_, w: string) => `${NOT_STEMS[w] ?? w} not`).replace(/\bcannot\b/g, 'can not');
}
/** Stems whose "n't" form changes them: "won't" is "will not". */
const NOT_STEMS: Readonly<Record<string, string>> = { ca: 'can', wo: 'will', sha: 'shall' };

/**
 * File extensions a file name ends with: "notes.txt" is the words "notes txt", so a phrase
 * naming the file without its extension still matches. Dotted names that are not files
 * (addresses, domains, versions) stay one token.
 */
const FILE_EXTENSION = /(?<!@[\p{L}\p{N}._-]*)(?<=\p{L}|\p{N})\.(txt|pdf|docx?|xlsx?|csv|tsv|pptx?|md|rtf|odt|ods|odp|json|xml|html?|eml|ics|vcf|png|jpe?g|gif|svg|zip|log|key|pages|numbers)(?!\p{L}|\p{N}|@|\.\p{L})/gu;

/**
 * Words only: folded text with every run of punctuation and whitespace made one space,
 * `&` read as "and", "n't" as "not" and a file extension as a word of its own. For phrase
 * and name matching, where "Q2-planning, notes" and "q2 planning notes" are the same words.
 */
export function wordsOf(text: string): string {
  const t = expandNegations(foldText(text)).replace(FILE_EXTENSION, ' $1');
  return ` ${t.replace(/&/g, ' and ').replace(/[^\p{L}\p{N}@.]+/gu, ' ').replace(/(?<!\p{L}|\p{N})\.|\.(?!\p{L}|\p{N})/gu, ' ').replace(/\s+/g, ' ').trim()} `;
}

/** The tokens of `wordsOf(text)`. */
export function tokensOf(text: string): string[] {
  const w = wordsOf(text).trim();
  return w ? w.split(' ') : [];
}

const STOP = new Set([
  'a', 'an', 'the', 'of', 'to', 'in', 'on', 'for', 'and', 'or', 'by', 'at', 'with', 'from', 'is', 'are', 'was', 'were',
  'be', 'been', 'it', 'its', 'this', 'that', 'as', 'our', 'we', 'your', 'their', 'his', 'her',
]);

/** True for words that carry no content on their own (articles, prepositions, auxiliaries). */
export function isStopWord(token: string): boolean {
  return STOP.has(token);
}

/** Synonyms folded to one stem so "auth expired" and "authentication expiry" are the same words. */
const SYNONYMS: Readonly<Record<string, string>> = {
  auth: 'authenticat', authentication: 'authenticat', authenticate: 'authenticat', authenticated: 'authenticat',
  creds: 'credential', credentials: 'credential', expiry: 'expir', expired: 'expir', expires: 'expir', expiration: 'expir', expire: 'expir',
  cancelled: 'cancel', canceled: 'cancel', cancellation: 'cancel', postponed: 'postpon', rescheduled: 'reschedul', moved: 'mov',
  mins: 'minute', min: 'minute', hrs: 'hour', hr: 'hour', approx: 'approximat', approximately: 'approximat',
};

/**
 * A light stem: synonyms folded, then common English endings removed, so that
 * "renewals"/"renewal" and "shared"/"sharing"/"share" compare equal.
 */
export function stem(token: string): string {
  const syn = SYNONYMS[token];
  if (syn) return syn;
  if (token.length <= 3 || /\d/.test(token)) return token;
  let t = token;
  for (const end of ['ations', 'ation', 'ings', 'ing', 'ies', 'ied', 'als', 'al', 'es', 'ed', 'ly', 's']) {
    if (t.endsWith(end) && t.length - end.length >= 3) {
      t = t.slice(0, -end.length);
      break;
    }
  }
  // "move", "moved" and "moving" meet at "mov".
  return t.length > 3 && t.endsWith('e') ? t.slice(0, -1) : t;
}
