/**
 * The named styles of a new document, as documents.get shows them for a blank Google Doc:
 * NORMAL_TEXT carries every text and paragraph field; the others carry only what differs
 * from it (their paragraph style names NORMAL_TEXT as its base, as the real API returns).
 */
import type { NamedStyle } from './model.ts';

const pt = (magnitude?: number) => (magnitude === undefined ? { unit: 'PT' } : { magnitude, unit: 'PT' });
const grey = (v: number) => ({ color: { rgbColor: { red: v, green: v, blue: v } } });
const border = () => ({ color: {}, width: pt(), padding: pt(), dashStyle: 'SOLID' });

function normalText(): NamedStyle {
  return {
    namedStyleType: 'NORMAL_TEXT',
    textStyle: {
      bold: false, italic: false, underline: false, strikethrough: false, smallCaps: false, backgroundColor: {},
      foregroundColor: { color: { rgbColor: {} } }, fontSize: pt(11), weightedFontFamily: { fontFamily: 'Arial', weight: 400 }, baselineOffset: 'NONE',
    },
    paragraphStyle: {
      namedStyleType: 'NORMAL_TEXT', alignment: 'START', lineSpacing: 115, direction: 'LEFT_TO_RIGHT', spacingMode: 'COLLAPSE_LISTS',
      spaceAbove: pt(), spaceBelow: pt(), borderBetween: border(), borderTop: border(), borderBottom: border(), borderLeft: border(), borderRight: border(),
      indentFirstLine: pt(), indentStart: pt(), indentEnd: pt(), keepLinesTogether: false, keepWithNext: false, avoidWidowAndOrphan: true,
      shading: { backgroundColor: {} }, pageBreakBefore: false,
    },
  };
}

function heading(namedStyleType: string, textStyle: Record<string, unknown>, above: number | undefined, below: number): NamedStyle {
  return {
    namedStyleType,
    textStyle,
    paragraphStyle: {
      namedStyleType: 'NORMAL_TEXT', direction: 'LEFT_TO_RIGHT', spaceAbove: pt(above), spaceBelow: pt(below),
      keepLinesTogether: true, keepWithNext: true, pageBreakBefore: false,
    },
  };
}

/** The nine named styles of a new document, in the order documents.get lists them. */
export function defaultNamedStyles(): NamedStyle[] {
  return [
    normalText(),
    heading('HEADING_1', { fontSize: pt(20) }, 20, 6),
    heading('HEADING_2', { bold: false, fontSize: pt(16) }, 18, 6),
    heading('HEADING_3', { bold: false, foregroundColor: grey(0.2627451), fontSize: pt(14) }, 16, 4),
    heading('HEADING_4', { foregroundColor: grey(0.4), fontSize: pt(12) }, 14, 4),
    heading('HEADING_5', { foregroundColor: grey(0.4), fontSize: pt(11) }, 12, 4),
    heading('HEADING_6', { italic: true, foregroundColor: grey(0.4), fontSize: pt(11) }, 12, 4),
    heading('TITLE', { fontSize: pt(26) }, undefined, 3),
    heading('SUBTITLE', { italic: false, foregroundColor: grey(0.4), fontSize: pt(15), weightedFontFamily: { fontFamily: 'Arial', weight: 400 } }, undefined, 16),
  ];
}
