// Copies the shell scripts under src/ that the code imports as text into a
// build's output directory (tsc copies only what it compiles): node scripts/copy-text.mjs lib
import { cpSync, readdirSync } from 'fs';
import { join } from 'path';
import process from 'process';

const out = process.argv[2];
if (!out) {
  throw new Error('usage: node scripts/copy-text.mjs OUTDIR');
}
for (const entry of readdirSync('src', { recursive: true })) {
  if (entry.endsWith('.sh')) {
    cpSync(join('src', entry), join(out, entry));
  }
}
