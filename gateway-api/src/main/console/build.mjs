// Builds the console into a folder of static files (default dist/; Maven passes the jar's
// resources folder): one bundled, minified ES module, the page and its stylesheet.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2] ?? 'dist';
mkdirSync(out, { recursive: true });
await build({
  entryPoints: ['src/app/main.js'],
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  outfile: join(out, 'console.js'),
  legalComments: 'linked',
  logLevel: 'warning',
});
for (const f of ['index.html', 'console.css']) copyFileSync(f, join(out, f));
console.log(`console built into ${out}`);
