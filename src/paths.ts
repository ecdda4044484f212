// Where the package lives on disk, whether running from src/ (tests, tsx) or from dist/ (built).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${start}`);
    dir = parent;
  }
  return dir;
}

export const packageRoot = findRoot(dirname(fileURLToPath(import.meta.url)));
export const webDistDir = join(packageRoot, 'dist', 'web');
/** A freshly initialised PGlite cluster made at build time: first start loads it instead of running initdb (~4 s). */
export const pgliteTemplatePath = join(packageRoot, 'dist', 'pglite-template.tar.gz');
/** The child's chat page (/chat), built separately from the staff SPA. */
export const webChatDistDir = join(packageRoot, 'dist', 'web-chat');
