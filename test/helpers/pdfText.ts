// What a PDF says and which fonts it carries, read by poppler-utils (pdftotext, pdffonts; Debian's
// poppler-utils package, installed by .ci/run): an independent reader, so a letter whose Cyrillic
// text could not be copied or whose font was not embedded fails the test.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function withFile<T>(pdf: Buffer, fn: (path: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'doverie-pdf-'));
  try {
    const path = join(dir, 'letter.pdf');
    await writeFile(path, pdf);
    return await fn(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The text in the order it was drawn (-raw: pdftotext's reading order would join a line ending in a
 * hyphen by dropping it, «социально-» + «реабилитационный»), lines joined so that phrases wrapped
 * across lines still match: after a hyphen with nothing (the letters break lines only at spaces and
 * after hyphens), elsewhere with one space.
 */
export async function pdfText(pdf: Buffer): Promise<string> {
  const { stdout } = await withFile(pdf, (path) => run('pdftotext', ['-raw', '-enc', 'UTF-8', path, '-']));
  return stdout.replace(/-\n/g, '-').replace(/\s+/g, ' ').trim();
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
  unicode: boolean;
}

/** The fonts the PDF uses (pdffonts' table). */
export async function pdfFonts(pdf: Buffer): Promise<PdfFont[]> {
  const { stdout } = await withFile(pdf, (path) => run('pdffonts', [path]));
  return stdout
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '')
    .map((line) => {
      // name, type (may hold spaces), encoding, emb, sub, uni, object id, generation
      const cols = line.trim().split(/\s+/);
      const [emb, , uni] = cols.slice(-5, -2);
      return { name: cols[0]!, type: cols.slice(1, -6).join(' '), embedded: emb === 'yes', unicode: uni === 'yes' };
    });
}

/** The number of pages. */
export async function pdfPages(pdf: Buffer): Promise<number> {
  const { stdout } = await withFile(pdf, (path) => run('pdfinfo', [path]));
  return Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1] ?? NaN);
}
