/** The fact normaliser: typed facts and one matcher for every content check. */
export * from './fact.ts';
export { renderings, type Rendering } from './renderings.ts';
export type { Clock } from './dates.ts';
export { integerInWords } from './words.ts';
export { foldText, wordsOf, tokensOf, stem } from './text.ts';
export { affirmedClauses, clausesOf, declinedClauses, type AffirmOptions } from './claims.ts';
export { sentencesOf, stretchesOf } from './clauses.ts';
