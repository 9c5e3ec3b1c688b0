// Parse + evaluate time of a generated 2,000-line Bicep file (a cluster, many params, vars, pools and loops).
// Run after `npm run build`: node bench/bicep.mjs
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { loadInputs } from '../dist/load/load-inputs.js';

function generate(lines) {
  const out = ["param prefix string = 'bench'", 'param enable bool = true'];
  let i = 0;
  while (out.length < lines - 20) {
    out.push(`@description('setting ${i}')`, `param p${i} int = ${i}`);
    out.push(`var v${i} = enable ? '\${prefix}-\${p${i} * 2}' : toUpper('x${i}')`);
    out.push(`var o${i} = union({ a: p${i} }, { b: [for n in range(0, 3): n + p${i}] })`);
    i++;
  }
  out.push(
    "resource aks 'Microsoft.ContainerService/managedClusters@2024-09-01' = {",
    '  name: v0',
    "  location: 'westeurope'",
    '  properties: {',
    `    dnsPrefix: v${i - 1}`,
    '    enableRBAC: enable',
    '    disableLocalAccounts: o1.a == 1',
    '    agentPoolProfiles: [for n in range(0, 5): {',
    "      name: 'pool${n}'",
    '      count: p1',
    '    }]',
    '  }',
    "  resource pool 'agentPools' = [for n in range(0, 10): {",
    "    name: 'user${n}'",
    '    properties: {',
    '      count: n',
    '    }',
    '  }]',
    '}',
  );
  return `${out.join('\n')}\n`;
}

const dir = mkdtempSync(join(tmpdir(), 'aksward-bench-bicep-'));
const text = generate(2000);
writeFileSync(join(dir, 'main.bicep'), text);
const times = [];
for (let run = 0; run < 5; run++) {
  const start = performance.now();
  const result = await loadInputs(['main.bicep'], { cwd: dir, kubectl: false });
  times.push(performance.now() - start);
  if (result.model.clusters.length !== 1) throw new Error('the cluster was not read');
}
rmSync(dir, { recursive: true, force: true });
times.sort((a, b) => a - b);
process.stdout.write(
  `bicep 2,000 lines (${text.split('\n').length - 1} lines, ${text.length} bytes): median ${times[2].toFixed(1)} ms, min ${times[0].toFixed(1)} ms\n`,
);
