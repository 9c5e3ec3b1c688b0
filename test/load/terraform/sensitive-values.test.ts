/** @module Values of sensitive Terraform variables, `sensitive()` and plan sensitivity marks never become settings. */
import { describe, expect, it } from 'vitest';
import { loadTerraformModule, loadTerraformPlan } from '../../../src/load/terraform/load-terraform.js';
import type { AksCluster } from '../../../src/model/index.js';
import { collectSink, type CollectedSink } from './collect-sink.js';

const SECRET = 'CANARY-tf-sensitive-5b7c';
const variableReason = (name: string) =>
  `comes from the sensitive variable ${name}; aksward does not read secure values`;
const MARKED = 'is marked sensitive in the plan; aksward does not read secure values';

function clean(sink: CollectedSink): AksCluster {
  expect(JSON.stringify({ clusters: sink.clusters, diagnostics: sink.diagnostics })).not.toContain(SECRET);
  const [cluster] = sink.clusters;
  if (!cluster) throw new Error('no cluster');
  return cluster;
}

const MODULE = `
variable "secret" {
  type      = string
  sensitive = true
  default   = "${SECRET}"
}

variable "from_tfvars" {
  type      = string
  sensitive = true
}

variable "plain" {
  type    = string
  default = "azure"
}

locals {
  derived = "prefix-\${var.secret}"
}

resource "azurerm_kubernetes_cluster" "main" {
  name                = var.secret
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "aks"
  kubernetes_version  = local.derived
  sku_tier            = sensitive("Standard")

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }

  network_profile {
    network_plugin      = var.plain
    network_policy      = var.secret
    network_data_plane  = var.from_tfvars
  }
}
`;

describe('sensitive variables in an HCL module', () => {
  it('leaves settings that read them unknown, directly, through tfvars, locals or sensitive()', async () => {
    const sink = collectSink();
    const files = [
      { file: 'm/main.tf', text: MODULE },
      { file: 'm/terraform.tfvars', text: `from_tfvars = "${SECRET}"\n` },
    ];
    expect(await loadTerraformModule(files, sink)).toBe(1);
    const cluster = clean(sink);
    expect(cluster.network.networkPolicy).toMatchObject({
      state: 'unknown',
      reason: variableReason('secret'),
    });
    expect(cluster.network.networkDataplane).toMatchObject({
      state: 'unknown',
      reason: variableReason('from_tfvars'),
    });
    expect(cluster.kubernetesVersion).toMatchObject({ state: 'unknown', reason: variableReason('secret') });
    expect(cluster.skuTier).toMatchObject({
      state: 'unknown',
      reason: 'is marked sensitive(); aksward does not read secure values',
    });
    // A plain variable is still read, and a name from a secret falls back to the resource's local name.
    expect(cluster.network.networkPlugin).toMatchObject({ state: 'stated', value: 'azure' });
    expect(cluster.name).toBe('main');
  });

  it('reads a variable declared sensitive = false', async () => {
    const sink = collectSink();
    const text = MODULE.replace('sensitive = true\n  default', 'sensitive = false\n  default');
    await loadTerraformModule([{ file: 'm/main.tf', text }], sink);
    expect(sink.clusters[0]?.network.networkPolicy).toMatchObject({ state: 'stated', value: SECRET });
  });
});

/** A plan whose cluster states `network_policy` and `network_plugin`, with the marks given. */
function plan(marks: {
  sensitiveValues?: unknown;
  afterSensitive?: unknown;
  beforeSensitive?: unknown;
  variables?: unknown;
  expressions?: unknown;
}): string {
  const values = {
    name: 'aks-plan',
    network_profile: [{ network_plugin: 'azure', network_policy: SECRET }],
  };
  return JSON.stringify(
    {
      format_version: '1.2',
      terraform_version: '1.9.8',
      planned_values: {
        root_module: {
          resources: [
            {
              address: 'azurerm_kubernetes_cluster.main',
              mode: 'managed',
              type: 'azurerm_kubernetes_cluster',
              name: 'main',
              values,
              sensitive_values: marks.sensitiveValues ?? {},
            },
          ],
        },
      },
      resource_changes: [
        {
          address: 'azurerm_kubernetes_cluster.main',
          type: 'azurerm_kubernetes_cluster',
          name: 'main',
          change: {
            actions: ['create'],
            after: values,
            after_unknown: {},
            after_sensitive: marks.afterSensitive ?? {},
            before_sensitive: marks.beforeSensitive ?? false,
          },
        },
      ],
      configuration: {
        root_module: {
          variables: marks.variables ?? {},
          resources: [
            {
              address: 'azurerm_kubernetes_cluster.main',
              type: 'azurerm_kubernetes_cluster',
              name: 'main',
              expressions: marks.expressions ?? {},
            },
          ],
        },
      },
    },
    null,
    2,
  );
}

function loadPlan(text: string, secretExpected = false): AksCluster {
  const sink = collectSink();
  loadTerraformPlan(text, 'plan.json', sink);
  if (secretExpected) return sink.clusters[0] as AksCluster;
  return clean(sink);
}

describe('sensitive values in a plan or state', () => {
  const policyMarked = { network_profile: [{ network_policy: true }] };

  it.each([
    ['sensitive_values', { sensitiveValues: policyMarked }],
    ['after_sensitive', { afterSensitive: policyMarked }],
    ['before_sensitive', { beforeSensitive: policyMarked }],
    ['a mark on the whole block', { afterSensitive: { network_profile: true } }],
  ])('leaves a value marked in %s unknown', (_label, marks) => {
    const cluster = loadPlan(plan(marks));
    expect(cluster.network.networkPolicy).toMatchObject({ state: 'unknown', reason: MARKED });
  });

  it('leaves unmarked values alone', () => {
    const cluster = loadPlan(plan({ afterSensitive: policyMarked }));
    expect(cluster.network.networkPlugin).toMatchObject({ state: 'stated', value: 'azure' });
    // Without a mark the value is an ordinary setting (the control: the fixture itself is read).
    expect(loadPlan(plan({}), true).network.networkPolicy).toMatchObject({ state: 'stated', value: SECRET });
  });

  it('leaves a value whose expression references a sensitive variable unknown, even unmarked', () => {
    const cluster = loadPlan(
      plan({
        variables: { secret: { sensitive: true }, plain: {} },
        expressions: {
          network_profile: [
            {
              network_policy: { references: ['var.secret'] },
              network_plugin: { references: ['var.plain'] },
            },
          ],
        },
      }),
    );
    expect(cluster.network.networkPolicy).toMatchObject({
      state: 'unknown',
      reason: variableReason('secret'),
    });
    expect(cluster.network.networkPlugin).toMatchObject({ state: 'stated', value: 'azure' });
  });
});
