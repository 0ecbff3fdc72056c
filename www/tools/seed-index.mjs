// trunk post_build hook: writes seeds/index.json (the list of bundled seed articles) into
// the staging directory, so the page can open on them without a hand-kept list.
import { readdirSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('seed-index: TRUNK_STAGING_DIR is not set (run through trunk)');
  process.exit(1);
}
const dir = join(staging, 'seeds');
const files = existsSync(dir)
  ? readdirSync(dir).filter((f) => /\.(txt|html?|md)$/i.test(f)).sort()
  : [];
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'index.json'), JSON.stringify({ files }, null, 1) + '\n');
console.log(`seed-index: ${files.length} seed articles listed`);
