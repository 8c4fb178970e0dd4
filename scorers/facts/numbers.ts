/** Numbers as people write them: digits with separators and suffixes, money, percents, and numbers in words. */

/** One number found in a text. */
export interface NumberMention {
  readonly value: number;
  /** The unit of the last written digit: 1 for "229,400", 100 for "229.4k", 1000 for "$229k". */
  readonly precision: number;
  /** Written with a currency sign or word ("$", "USD", "dollars", "€"). */
  readonly money: boolean;
  /** Written with a scale word or suffix ("k", "thousand", "million"). */
  readonly scaled: boolean;
  /** Written as a percent ("%", "percent", "per cent", "pct"). */
  readonly percent: boolean;
  /** Written out in words ("thirty-eight"). */
  readonly words: boolean;
  readonly start: number;
  readonly end: number;
}

/** Most number mentions read from one text (bounds the work on hostile input). */
export const MAX_MENTIONS = 20_000;

const SCALE: Readonly<Record<string, number>> = {
  k: 1e3, thousand: 1e3, grand: 1e3, m: 1e6, mm: 1e6, mn: 1e6, mil: 1e6, million: 1e6, millions: 1e6, b: 1e9, bn: 1e9, billion: 1e9,
};

// A number may follow a comma: a CSV row ("support,85000,99000") is numbers people read. A
// thousands group never starts a match of its own, since "85,000" is read whole first.
const DIGITS = new RegExp(
  String.raw`(?<cur>[$€£]|\b(?:usd|eur|gbp)\s?)?` +
    String.raw`(?<![\d.])(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d])` +
    String.raw`(?:\s?(?<scale>k|mm|mn|m|bn|b|mil|thousand|million|millions|billion|grand)(?![a-z]))?` +
    String.raw`(?:[\s-]?(?<pct>%|percent\b|per\s?cent\b|pct\b|percentage points?\b))?` +
    String.raw`(?:\s?(?<cur2>dollars?\b|usd\b|eur\b|euros?\b|gbp\b|pounds?\b|bucks\b))?`,
  'g',
);

/** Numbers written with digits. `text` must already be folded (lower case). */
function digitMentions(text: string, out: NumberMention[]): void {
  DIGITS.lastIndex = 0;
  for (let m = DIGITS.exec(text); m && out.length < MAX_MENTIONS; m = DIGITS.exec(text)) {
    const g = m.groups!;
    const raw = g.num!.replace(/,/g, '');
    let value = Number(raw);
    if (!Number.isFinite(value)) continue;
    const decimals = raw.includes('.') ? raw.length - raw.indexOf('.') - 1 : 0;
    const scaleWord = g.scale;
    // A lone "m"/"b" after a number is a scale only in money context ("$5m"), not "5m" of minutes.
    const money = Boolean(g.cur || g.cur2);
    const scale = scaleWord && (scaleWord.length > 1 || scaleWord === 'k' || money) ? SCALE[scaleWord] ?? 1 : 1;
    value *= scale;
    out.push({
      value, precision: 10 ** -decimals * scale, money, scaled: scale !== 1, percent: Boolean(g.pct), words: false,
      start: m.index, end: m.index + m[0].length,
    });
  }
}

const UNITS: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Readonly<Record<string, number>> = { twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const WORD_SCALE: Readonly<Record<string, number>> = { thousand: 1e3, million: 1e6, billion: 1e9 };

const WORD_TOKEN = /[a-z]+|\d+(?:\.\d+)?/g;

/**
 * Numbers written in words ("two hundred and twenty-nine thousand four hundred",
 * "thirty-eight per cent", "1.2 million" is left to the digit reader). Reads maximal runs
 * of number words joined by spaces, hyphens and "and".
 */
function wordMentions(text: string, out: NumberMention[]): void {
  WORD_TOKEN.lastIndex = 0;
  const tokens: Array<{ w: string; start: number; end: number }> = [];
  for (let m = WORD_TOKEN.exec(text); m && tokens.length < MAX_MENTIONS * 4; m = WORD_TOKEN.exec(text)) {
    tokens.push({ w: m[0], start: m.index, end: m.index + m[0].length });
  }
  const isNumberWord = (w: string) => w in UNITS || w in TENS || w === 'hundred' || w in WORD_SCALE;
  for (let i = 0; i < tokens.length && out.length < MAX_MENTIONS; i++) {
    if (!isNumberWord(tokens[i]!.w) || tokens[i]!.w === 'hundred' || tokens[i]!.w in WORD_SCALE) continue;
    let total = 0;
    let group = 0;
    let last = i;
    for (let j = i; j < tokens.length; j++) {
      const t = tokens[j]!;
      if (j > i && !/^[\s-]{1,3}$/.test(text.slice(tokens[j - 1]!.end, t.start))) break;
      if (t.w === 'and') {
        // "two hundred and five": "and" joins only when a number word follows.
        if (j + 1 < tokens.length && isNumberWord(tokens[j + 1]!.w)) continue;
        break;
      }
      if (t.w in UNITS) group += UNITS[t.w]!;
      else if (t.w in TENS) group += TENS[t.w]!;
      else if (t.w === 'hundred') group = (group || 1) * 100;
      else if (t.w in WORD_SCALE) {
        total += (group || 1) * WORD_SCALE[t.w]!;
        group = 0;
      } else break;
      last = j;
    }
    const value = total + group;
    const end = tokens[last]!.end;
    const after = text.slice(end, end + 16);
    const before = text.slice(Math.max(0, tokens[i]!.start - 2), tokens[i]!.start);
    // "nineteen thousand" is as precise as its last non-zero word: a thousand.
    let precision = 1;
    while (value > 0 && value % (precision * 10) === 0) precision *= 10;
    out.push({
      value, precision, money: /^\s?(dollars?|usd|euros?|pounds?)\b/.test(after) || before.includes('$'),
      scaled: total > 0, percent: /^\s?(percent|per\s?cent|%)/.test(after), words: true, start: tokens[i]!.start, end,
    });
    i = last;
  }
}

/**
 * A range written with one suffix ("$165–190k", "35-40%") gives both ends the suffix's
 * scale, currency and percent: "$165" there means $165,000.
 */
function shareRangeSuffixes(text: string, ms: NumberMention[]): NumberMention[] {
  const out = [...ms];
  for (let i = 0; i + 1 < out.length; i++) {
    const a = out[i]!;
    const b = out[i + 1]!;
    if (a.words || b.words || !/^\s*(?:-|–|—|to)\s*$/.test(text.slice(a.end, b.start))) continue;
    const scale = !a.scaled && b.scaled && a.value * 10 < b.value ? Math.round(b.value / Number(text.slice(b.start, b.end).replace(/[^\d.]/g, '') || 1)) : 1;
    out[i] = { ...a, value: a.value * (scale > 1 ? scale : 1), precision: a.precision * (scale > 1 ? scale : 1), scaled: a.scaled || scale > 1, percent: a.percent || b.percent, money: a.money || b.money };
    out[i + 1] = { ...b, money: a.money || b.money };
  }
  return out;
}

/** Every number mentioned in a folded text, in order of appearance. */
export function numberMentions(folded: string): NumberMention[] {
  const out: NumberMention[] = [];
  digitMentions(folded, out);
  wordMentions(folded, out);
  return shareRangeSuffixes(folded, out.sort((a, b) => a.start - b.start));
}
