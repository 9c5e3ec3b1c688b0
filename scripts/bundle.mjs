// Bundles the CLI (dist/cli/main.js, built by tsc) and its dependencies into one module, dist/aksward.mjs: the
// `aksward` bin. Node resolves, reads and compiles one file instead of about 460, which saves about 0.25 s of
// every run (most of a small scan). The library entry (dist/index.js) stays unbundled.
// `@cdktf/hcl2json` stays outside: it loads its WebAssembly file from its own folder.
// Usage (after tsc): node scripts/bundle.mjs
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

await build({
  entryPoints: [path.join(root, 'dist/cli/main.js')],
  outfile: path.join(root, 'dist/aksward.mjs'),
  bundle: true,
  platform: 'node',
  target: 'node20.19',
  format: 'esm',
  // Packages that ship both: the ES module build (jsonc-parser's UMD build loads its parts by computed paths).
  mainFields: ['module', 'main'],
  external: ['@cdktf/hcl2json'],
  // CommonJS dependencies bundled into an ES module still call `require` for Node's own modules.
  banner: {
    js: "import { createRequire as aksRequire } from 'node:module'; const require = aksRequire(import.meta.url);",
  },
  legalComments: 'none',
  logLevel: 'warning',
});
