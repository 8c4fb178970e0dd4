/** Bullet presets of createParagraphBullets and the list properties documents.get shows for them. */

/** The bullet presets the real API accepts (`BulletGlyphPreset`). */
export const BULLET_PRESETS = [
  'BULLET_DISC_CIRCLE_SQUARE',
  'BULLET_DIAMONDX_ARROW3D_SQUARE',
  'BULLET_CHECKBOX',
  'BULLET_ARROW_DIAMOND_DISC',
  'BULLET_STAR_CIRCLE_SQUARE',
  'BULLET_ARROW3D_CIRCLE_SQUARE',
  'BULLET_LEFTTRIANGLE_DIAMOND_DISC',
  'BULLET_DIAMONDX_HOLLOWDIAMOND_SQUARE',
  'BULLET_DIAMOND_CIRCLE_SQUARE',
  'NUMBERED_DECIMAL_ALPHA_ROMAN',
  'NUMBERED_DECIMAL_ALPHA_ROMAN_PARENS',
  'NUMBERED_DECIMAL_NESTED',
  'NUMBERED_UPPERALPHA_ALPHA_ROMAN',
  'NUMBERED_UPPERROMAN_UPPERALPHA_DECIMAL',
  'NUMBERED_ZERODECIMAL_ALPHA_ROMAN',
] as const;

const SYMBOLS: Record<string, readonly string[]> = {
  BULLET_DISC_CIRCLE_SQUARE: ['●', '○', '■'],
  BULLET_DIAMONDX_ARROW3D_SQUARE: ['❖', '➢', '■'],
  BULLET_ARROW_DIAMOND_DISC: ['➔', '◆', '●'],
  BULLET_STAR_CIRCLE_SQUARE: ['★', '○', '■'],
  BULLET_ARROW3D_CIRCLE_SQUARE: ['➢', '○', '■'],
  BULLET_LEFTTRIANGLE_DIAMOND_DISC: ['◀', '◆', '●'],
  BULLET_DIAMONDX_HOLLOWDIAMOND_SQUARE: ['❖', '◇', '■'],
  BULLET_DIAMOND_CIRCLE_SQUARE: ['◆', '○', '■'],
};

const NUMBERS: Record<string, readonly [string, string][]> = {
  NUMBERED_DECIMAL_ALPHA_ROMAN: [['DECIMAL', '%0.'], ['ALPHA', '%1.'], ['ROMAN', '%2.']],
  NUMBERED_DECIMAL_ALPHA_ROMAN_PARENS: [['DECIMAL', '%0)'], ['ALPHA', '%1)'], ['ROMAN', '%2)']],
  NUMBERED_DECIMAL_NESTED: [['DECIMAL', '%0.'], ['DECIMAL', '%0.%1.'], ['DECIMAL', '%0.%1.%2.']],
  NUMBERED_UPPERALPHA_ALPHA_ROMAN: [['UPPER_ALPHA', '%0.'], ['ALPHA', '%1.'], ['ROMAN', '%2.']],
  NUMBERED_UPPERROMAN_UPPERALPHA_DECIMAL: [['UPPER_ROMAN', '%0.'], ['UPPER_ALPHA', '%1.'], ['DECIMAL', '%2.']],
  NUMBERED_ZERODECIMAL_ALPHA_ROMAN: [['ZERO_DECIMAL', '%0.'], ['ALPHA', '%1.'], ['ROMAN', '%2.']],
};

const pt = (magnitude: number) => ({ magnitude, unit: 'PT' });

/** The `List` object of documents.get for a list made with a preset: nine nesting levels. */
export function renderList(preset: string): Record<string, unknown> {
  const nestingLevels = Array.from({ length: 9 }, (_, level) => {
    const base = { bulletAlignment: 'START', indentFirstLine: pt(18 + 36 * level), indentStart: pt(36 + 36 * level), textStyle: { underline: false }, startNumber: 1 };
    const nums = NUMBERS[preset];
    if (nums) {
      const [glyphType, glyphFormat] = nums[level % 3]!;
      return { ...base, glyphType, glyphFormat: preset === 'NUMBERED_DECIMAL_NESTED' ? glyphFormat : glyphFormat.replace(/%\d/, `%${level}`) };
    }
    if (preset === 'BULLET_CHECKBOX') return { ...base, glyphType: 'GLYPH_TYPE_UNSPECIFIED', glyphFormat: `%${level}` };
    const sym = SYMBOLS[preset] ?? SYMBOLS.BULLET_DISC_CIRCLE_SQUARE!;
    return { ...base, glyphSymbol: sym[level % 3]!, glyphFormat: `%${level}` };
  });
  return { listProperties: { nestingLevels } };
}
