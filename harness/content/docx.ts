/**
 * Word documents: written with `docx` (a title heading, paragraphs, a bordered table), then
 * canonicalised (entry timestamps and core dates fixed); read with mammoth's raw-text
 * extraction (paragraphs and table cells in document order). Both are asynchronous; they run
 * inside the content worker (see bridge.ts).
 */
import type { DocumentSpec } from './spec.ts';
import { DEFAULT_DOCUMENT_DATE, canonicalZip, zipProblem } from './canonical-zip.ts';
import { capText } from './limits.ts';

/** Writes `spec` as a .docx; the same spec (and date) always gives the same bytes. */
export async function writeDocx(spec: DocumentSpec, iso = DEFAULT_DOCUMENT_DATE): Promise<Buffer> {
  const d = await import('docx');
  const para = (text: string) => new d.Paragraph({ children: [new d.TextRun(text)] });
  const children: (InstanceType<typeof d.Paragraph> | InstanceType<typeof d.Table>)[] = [
    new d.Paragraph({ heading: d.HeadingLevel.HEADING_1, children: [new d.TextRun(spec.title)] }),
    ...spec.paragraphs.map(para),
  ];
  if (spec.table && spec.table.length > 0) {
    children.push(
      new d.Table({
        width: { size: 100, type: d.WidthType.PERCENTAGE },
        rows: spec.table.map(
          (row, i) =>
            new d.TableRow({
              tableHeader: i === 0,
              children: row.map((cell) => new d.TableCell({ children: [new d.Paragraph({ children: [new d.TextRun({ text: cell, bold: i === 0 })] })] })),
            }),
        ),
      }),
    );
  }
  children.push(...(spec.after ?? []).map(para));
  const doc = new d.Document({ creator: spec.author ?? 'deskbench', lastModifiedBy: spec.author ?? 'deskbench', title: spec.title, sections: [{ children }] });
  return canonicalZip(await d.Packer.toBuffer(doc), iso);
}

/** The text of a .docx: paragraphs (table cells included) one per line; '' for a zip past the limits. */
export async function readDocx(bytes: Uint8Array): Promise<string> {
  if (zipProblem(bytes) !== '') return '';
  const { default: mammoth } = await import('mammoth');
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
  return capText(value.replace(/\n{2,}/g, '\n').trim());
}
