// The formal letter of a signal as a PDF (A4, Russian office-letter layout): the letterhead and the
// outgoing number on the left, the addressees on the right, the title, the text, the child's data as
// chosen, the signature block, and on every page a confidentiality line and the page number. The
// typeface is the vendored DejaVu Sans (vendor/fonts/dejavu), embedded as a subset: the letter never
// depends on the machine's fonts, and its Cyrillic text can be copied and searched.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { packageRoot } from '../../paths.js';
import { letterText, type LetterText } from './letterText.js';
import type { SignalLetter } from './signalLetter.js';

const FONT_DIR = join(packageRoot, 'vendor', 'fonts', 'dejavu');
const REGULAR = join(FONT_DIR, 'DejaVuSans.ttf');
const BOLD = join(FONT_DIR, 'DejaVuSans-Bold.ttf');

/** Read once, on the first letter: ~1.5 MB that most processes never need. */
let fonts: { regular: Buffer; bold: Buffer } | undefined;
const loadFonts = () => (fonts ??= { regular: readFileSync(REGULAR), bold: readFileSync(BOLD) });

// Points (1/72 inch). Margins as Russian office letters have them: 30 mm left, 15 mm right, 20 mm top and bottom.
const MM = 72 / 25.4;
const MARGINS = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
const BODY = 11;
const SMALL = 8.5;
const INDENT = 12.5 * MM;
const GAP = 6;

type Doc = PDFKit.PDFDocument;

function header(doc: Doc, text: LetterText, width: number): void {
  const top = doc.y;
  const left = MARGINS.left;
  const half = width / 2 - 8;
  const right = left + width / 2 + 8;
  // Left: who writes, and the outgoing number and date.
  doc.font('bold').fontSize(BODY).text(text.letterhead.name, left, top, { width: half });
  doc.font('regular').fontSize(SMALL + 0.5);
  for (const line of text.letterhead.lines) doc.text(line, { width: half });
  doc.moveDown(0.8).fontSize(BODY).text(text.outgoing, { width: half });
  const leftEnd = doc.y;
  // Right: to whom (each agency with how it is reached).
  doc.y = top;
  if (text.urgentMark)
    doc
      .font('bold')
      .fontSize(BODY + 1)
      .text(text.urgentMark, right, top, { width: half })
      .moveDown(0.4);
  for (const a of text.addressees) {
    doc.font('bold').fontSize(BODY).text(a.name, right, doc.y, { width: half });
    doc.font('regular').fontSize(SMALL + 0.5);
    for (const line of a.lines) doc.text(line, right, doc.y, { width: half });
    doc.moveDown(0.5);
  }
  doc.x = left;
  doc.y = Math.max(leftEnd, doc.y) + 24;
}

function body(doc: Doc, text: LetterText, width: number): void {
  const left = MARGINS.left;
  doc
    .font('bold')
    .fontSize(BODY + 1)
    .text(text.title, left, doc.y, { width, align: 'center' });
  doc.moveDown(1);
  doc.font('regular').fontSize(BODY);
  const paragraph = (s: string) => doc.text(s, left, doc.y, { width, align: 'justify', indent: INDENT, paragraphGap: GAP, lineGap: 1.5 });
  for (const p of text.paragraphs) paragraph(p);
  doc.font('bold').text('Обстоятельства', left, doc.y, { width, paragraphGap: 2 });
  doc.font('regular');
  for (const p of text.facts.split(/\r?\n/).filter((s) => s.trim() !== '')) paragraph(p);
  doc.font('bold').text(text.childHeading, left, doc.y, { width, paragraphGap: 2 });
  doc.font('regular');
  for (const line of text.childLines) doc.text(line, left, doc.y, { width, indent: INDENT, paragraphGap: 2, lineGap: 1.5 });
  doc.moveDown(0.6);
  paragraph(text.closing);
}

function signature(doc: Doc, text: LetterText, width: number): void {
  const left = MARGINS.left;
  // Keep the block together: start it on a new page when fewer than ~4 lines remain.
  if (doc.y > doc.page.height - MARGINS.bottom - 70) doc.addPage();
  doc.moveDown(2);
  const y = doc.y;
  doc
    .font('regular')
    .fontSize(BODY)
    .text(text.signature.position, left, y, { width: width * 0.45 });
  const below = doc.y;
  doc.text('____________', left + width * 0.47, y, { width: width * 0.2, align: 'center' });
  doc.text(text.signature.name, left + width * 0.68, y, { width: width * 0.32, align: 'right' });
  doc.x = left;
  doc.y = Math.max(below, doc.y);
  if (text.signature.note) doc.moveDown(0.8).fontSize(SMALL).text(text.signature.note, left, doc.y, { width });
}

/** The confidentiality line and `Стр. n из N` at the foot of every page (drawn in the margin: no page breaks). */
function footers(doc: Doc, text: LetterText, width: number): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGINS.bottom + 10;
    doc
      .font('regular')
      .fontSize(SMALL - 0.5)
      .fillColor('#444444');
    doc.text(text.footer, MARGINS.left, y, { width: width * 0.75, lineBreak: false });
    doc.text(`Стр. ${i - range.start + 1} из ${range.count}`, MARGINS.left + width * 0.75, y, { width: width * 0.25, align: 'right' });
    doc.fillColor('black');
    doc.page.margins.bottom = saved;
  }
}

/** Renders the letter; `at` is written as the document's creation time (the send or the download). */
export async function renderLetterPdf(letter: SignalLetter, at: Date): Promise<Buffer> {
  const { regular, bold } = loadFonts();
  const text = letterText(letter);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    font: REGULAR,
    bufferPages: true,
    pdfVersion: '1.7',
    lang: 'ru-RU',
    displayTitle: true,
    info: {
      Title: `${text.title}${letter.number ? `, исх. № ${letter.number}` : ' (проект)'}`,
      Author: letter.letterhead.name,
      Creator: 'Doverie',
      Producer: 'Doverie',
      CreationDate: at,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const width = doc.page.width - MARGINS.left - MARGINS.right;
  if (text.draftMark)
    doc
      .font('bold')
      .fontSize(BODY + 3)
      .fillColor('#9a1b1b')
      .text(text.draftMark, { align: 'right' })
      .fillColor('black');
  header(doc, text, width);
  body(doc, text, width);
  signature(doc, text, width);
  footers(doc, text, width);
  doc.end();
  return done;
}
