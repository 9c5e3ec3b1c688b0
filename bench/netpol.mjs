/**
 * @module Benchmark of the NetworkPolicy reachability engine (not part of `npm test`): the seeded synthetic
 * cluster of `generate-cluster.mjs` of 1,000 and 10,000 workloads with 3,000 policies, analysed from `dist/`. Run `npm run build`
 * first, then `node bench/netpol.mjs [workloads...]`. Prints wall times and peak RSS.
 */
import console from 'node:console';
import process from 'node:process';
import { analyzeReachability } from '../dist/analysis/netpol/index.js';
import { generateCluster } from './generate-cluster.mjs';

/** The loader's `KubeObject` shape around a generated manifest, as the engine reads it. */
function kube(manifest) {
  const { metadata } = manifest;
  return {
    apiVersion: manifest.apiVersion,
    kind: manifest.kind,
    name: metadata.name,
    namespace: metadata.namespace,
    labels: metadata.labels ?? {},
    annotations: {},
    body: manifest,
    origin: {
      file: 'synthetic.yaml',
      documentIndex: 0,
      basePath: [],
      at: { file: 'synthetic.yaml', line: 1 },
    },
  };
}

const KINDS = new Set(['Namespace', 'Deployment', 'NetworkPolicy']);

/** The generated cluster of `bench/generate-cluster.mjs`, reduced to what the reachability engine reads. */
function cluster(workloads, policies, seed) {
  const { files } = generateCluster({ workloads, policies, roleBindings: 0, seed });
  return [...files.values()]
    .flat()
    .filter((m) => KINDS.has(m.kind))
    .map(kube);
}

function time(f) {
  const start = process.hrtime.bigint();
  const value = f();
  return { value, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

function run(workloadCount) {
  const objects = cluster(workloadCount, 3000, 42);
  const analysis = time(() => analyzeReachability(objects, []));
  const result = analysis.value;
  const listing = time(() => {
    let pairs = 0;
    let external = 0;
    result.forEachConnection((src, dst) => {
      if (src.kind === 'workload' && dst.kind === 'workload') pairs++;
      else external++;
    });
    return { pairs, external };
  });
  const rssMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    `${workloadCount} workloads, 3000 policies: ${result.topology.classes.length} classes, ${result.atoms.length} IP atoms; ` +
      `analysis ${analysis.ms.toFixed(0)} ms; all connections ${listing.ms.toFixed(0)} ms ` +
      `(${listing.value.pairs} workload pairs, ${listing.value.external} external ranges); peak RSS ${rssMb.toFixed(0)} MB`,
  );
}

const sizes = process.argv.slice(2).map(Number);
for (const size of sizes.length > 0 ? sizes : [1000, 10000]) run(size);
