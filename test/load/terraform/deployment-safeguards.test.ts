/** @module Deployment Safeguards in Terraform: the azurerm resource and azapi, in modules and plans. */
import { describe, expect, it } from 'vitest';
import { loadTerraformModule, loadTerraformPlan } from '../../../src/load/terraform/load-terraform.js';
import type { AksCluster } from '../../../src/model/index.js';
import { brief, collectSink } from './collect-sink.js';

const CLUSTER = `resource "azurerm_kubernetes_cluster" "main" {
  name                = "aks-prod"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "aks"

  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }
}
`;
const NONE =
  'no azurerm_kubernetes_cluster_deployment_safeguard (or azapi_resource of type Microsoft.ContainerService/deploymentSafeguards) refers to this cluster, and Safeguards may be set outside Terraform: scan `az aks safeguards show`';

async function safeguards(extra: string): Promise<AksCluster['security']['deploymentSafeguards']> {
  const sink = collectSink();
  await loadTerraformModule([{ file: 'm/main.tf', text: `${CLUSTER}\n${extra}` }], sink);
  const cluster = sink.clusters.find((c) => c.display === 'azurerm_kubernetes_cluster.main');
  if (!cluster) throw new Error('no cluster');
  return cluster.security.deploymentSafeguards;
}

describe('azurerm_kubernetes_cluster_deployment_safeguard in a module', () => {
  it('reads the level of the resource that refers to the cluster, at its line', async () => {
    const setting = await safeguards(`resource "azurerm_kubernetes_cluster_deployment_safeguard" "main" {
  kubernetes_cluster_id = azurerm_kubernetes_cluster.main.id
  level                 = "Enforce"
}
`);
    expect(brief(setting)).toEqual({
      state: 'stated',
      value: 'Enforce',
      path: 'azurerm_kubernetes_cluster_deployment_safeguard.main.level',
      file: 'm/main.tf',
      line: 15,
    });
  });

  it('stays unknown without such a resource, or with one for another cluster', async () => {
    expect(await safeguards('')).toMatchObject({ state: 'unknown', reason: NONE });
    const other = await safeguards(`resource "azurerm_kubernetes_cluster_deployment_safeguard" "other" {
  kubernetes_cluster_id = azurerm_kubernetes_cluster.other.id
  level                 = "Warn"
}
`);
    expect(brief(other)).toMatchObject({
      state: 'unknown',
      reason: NONE,
      path: 'azurerm_kubernetes_cluster_deployment_safeguard',
      line: 1,
    });
  });

  it('stays unknown when the cluster id cannot be resolved, saying why', async () => {
    const setting = await safeguards(`variable "cluster_id" { type = string }
resource "azurerm_kubernetes_cluster_deployment_safeguard" "main" {
  kubernetes_cluster_id = var.cluster_id
  level                 = "Warn"
}
`);
    expect(setting).toMatchObject({
      state: 'unknown',
      reason:
        "azurerm_kubernetes_cluster_deployment_safeguard.main: kubernetes_cluster_id depends on var.cluster_id, which has no default, so it may be this cluster's Deployment Safeguards",
    });
  });

  it('decides existence from count: 0 is none, an unknown count is unknown', async () => {
    const resource = (count: string) => `resource "azurerm_kubernetes_cluster_deployment_safeguard" "main" {
  count                 = ${count}
  kubernetes_cluster_id = azurerm_kubernetes_cluster.main.id
  level                 = "Warn"
}
`;
    expect(await safeguards(resource('1'))).toMatchObject({ state: 'stated', value: 'Warn' });
    expect(await safeguards(resource('0'))).toMatchObject({ state: 'unknown', reason: NONE });
    const undecided = await safeguards(`variable "on" { type = number }\n${resource('var.on')}`);
    expect(undecided.state === 'unknown' ? undecided.reason : undecided.state).toContain(
      'count depends on var.on',
    );
  });
});

describe('azapi_resource of type Microsoft.ContainerService/deploymentSafeguards', () => {
  it('reads body.properties.level when parent_id is the cluster (azapi 2 HCL body)', async () => {
    const setting = await safeguards(`resource "azapi_resource" "safeguards" {
  type      = "Microsoft.ContainerService/deploymentSafeguards@2025-07-01"
  name      = "default"
  parent_id = azurerm_kubernetes_cluster.main.id
  body = {
    properties = { level = "Warn" }
  }
}
`);
    expect(brief(setting)).toEqual({
      state: 'stated',
      value: 'Warn',
      path: 'azapi_resource.safeguards.body.properties.level',
      file: 'm/main.tf',
      line: 17,
    });
  });

  it('leaves a jsonencode() body unknown, and ignores azapi resources of other types', async () => {
    const encoded = await safeguards(`resource "azapi_resource" "safeguards" {
  type      = "Microsoft.ContainerService/deploymentSafeguards@2025-07-01"
  parent_id = azurerm_kubernetes_cluster.main.id
  body      = jsonencode({ properties = { level = "Warn" } })
}
`);
    expect(encoded).toMatchObject({
      state: 'unknown',
      reason: 'body depends on the function jsonencode(), which aksward does not evaluate',
    });
    const unrelated = await safeguards(`resource "azapi_resource" "window" {
  type      = "Microsoft.ContainerService/managedClusters/maintenanceConfigurations@2024-09-01"
  parent_id = azurerm_kubernetes_cluster.main.id
  body      = { properties = { level = "Enforce" } }
}
`);
    expect(unrelated).toMatchObject({ state: 'unknown', reason: NONE });
  });
});

describe('Deployment Safeguards in a plan', () => {
  const plan = (resource: Record<string, unknown>, references: string[]) =>
    JSON.stringify({
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
              values: { name: 'aks-prod' },
            },
            { mode: 'managed', name: 'sg', ...resource },
          ],
        },
      },
      resource_changes: [
        {
          address: resource.address,
          change: {
            actions: ['create'],
            after_unknown: { id: true, parent_id: true, kubernetes_cluster_id: true },
          },
        },
      ],
      configuration: {
        root_module: {
          resources: [
            {
              address: resource.address,
              expressions: {
                parent_id: { references },
                kubernetes_cluster_id: { references },
              },
            },
          ],
        },
      },
    });

  function load(text: string) {
    const sink = collectSink();
    loadTerraformPlan(text, 'plan.json', sink);
    return sink.clusters[0]?.security.deploymentSafeguards;
  }

  it('links a safeguard known only after apply through the configuration references', () => {
    const setting = load(
      plan(
        {
          address: 'azurerm_kubernetes_cluster_deployment_safeguard.sg',
          type: 'azurerm_kubernetes_cluster_deployment_safeguard',
          values: { level: 'Warn' },
        },
        ['azurerm_kubernetes_cluster.main.id', 'azurerm_kubernetes_cluster.main'],
      ),
    );
    expect(setting).toMatchObject({ state: 'stated', value: 'Warn' });
  });

  it('reads an azapi 1 body, which a plan holds as a JSON string', () => {
    const setting = load(
      plan(
        {
          address: 'azapi_resource.sg',
          type: 'azapi_resource',
          values: {
            type: 'Microsoft.ContainerService/deploymentSafeguards@2025-04-01',
            body: JSON.stringify({ properties: { level: 'Enforce' } }),
          },
        },
        ['azurerm_kubernetes_cluster.main.id', 'azurerm_kubernetes_cluster.main'],
      ),
    );
    expect(setting).toMatchObject({
      state: 'stated',
      value: 'Enforce',
      path: 'azapi_resource.sg.body.properties.level',
    });
  });

  it('is unknown when the safeguard refers to another cluster', () => {
    const setting = load(
      plan(
        {
          address: 'azurerm_kubernetes_cluster_deployment_safeguard.sg',
          type: 'azurerm_kubernetes_cluster_deployment_safeguard',
          values: { level: 'Warn' },
        },
        ['azurerm_kubernetes_cluster.other.id', 'azurerm_kubernetes_cluster.other'],
      ),
    );
    expect(setting).toMatchObject({ state: 'unknown', reason: NONE });
  });
});

describe('Image Integrity in a module', () => {
  it('is unknown, naming the built-in policy that switches it on (azurerm has no attribute)', async () => {
    const sink = collectSink();
    await loadTerraformModule([{ file: 'm/main.tf', text: CLUSTER }], sink);
    expect(sink.clusters[0]?.security.imageIntegrity).toMatchObject({
      state: 'unknown',
      reason:
        "azurerm has no attribute for Image Integrity, which is switched on by assigning the built-in Azure Policy 5dc99dae-cfb2-42cc-8762-9aae02b74e27 ([Preview]: Deploy Image Integrity on Azure Kubernetes Service); scan az aks show for the cluster's value",
    });
  });
});
