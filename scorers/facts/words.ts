/** Numbers spelled out in English words (for fact renderings: a leak written "thirty-eight per cent"). */

const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen',
  'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

function belowThousand(n: number): string {
  const parts: string[] = [];
  if (n >= 100) {
    parts.push(`${ONES[Math.floor(n / 100)]} hundred`);
    n %= 100;
  }
  if (n >= 20) parts.push(n % 10 ? `${TENS[Math.floor(n / 10)]}-${ONES[n % 10]}` : TENS[Math.floor(n / 10)]!);
  else if (n > 0 || parts.length === 0) parts.push(ONES[n]!);
  return parts.join(' ');
}

/** A non-negative integer below one trillion in words: 229400 → "two hundred twenty-nine thousand four hundred". */
export function integerInWords(value: number): string {
  let n = Math.round(Math.abs(value));
  if (n === 0) return 'zero';
  const parts: string[] = [];
  for (const [scale, word] of [[1e9, 'billion'], [1e6, 'million'], [1e3, 'thousand']] as const) {
    if (n >= scale) {
      parts.push(`${belowThousand(Math.floor(n / scale))} ${word}`);
      n %= scale;
    }
  }
  if (n > 0) parts.push(belowThousand(n));
  return parts.join(' ');
}
