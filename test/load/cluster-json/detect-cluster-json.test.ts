import { describe, expect, it } from 'vitest';
import { detectClusterJson } from '../../../src/load/cluster-json/load-cluster-json.js';
import { readFixture } from './memory-sink.js';

const fixture = (name: string): unknown => JSON.parse(readFixture(name));

describe('detectClusterJson', () => {
  it.each([
    ['az-aks-show.json', 'az-aks-show'],
    ['arm-rest.json', 'arm-rest'],
    ['arm-rest-2019-list.json', 'arm-rest'],
    ['arm-template.json', 'arm-template'],
    ['bicep-main.json', 'arm-template'],
    ['diagnostic-settings-list.json', 'diagnostic-settings'],
  ])('recognises %s as %s', (name, format) => {
    expect(detectClusterJson(fixture(name))).toBe(format);
  });

  it('recognises az aks list output (an array of flattened clusters)', () => {
    const cluster = fixture('az-aks-show.json');
    expect(detectClusterJson([cluster, cluster])).toBe('az-aks-show');
  });

  it('recognises a single diagnostic setting REST object and a { value } list', () => {
    const setting = {
      id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks/providers/microsoft.insights/diagnosticSettings/d',
      name: 'd',
      type: 'Microsoft.Insights/diagnosticSettings',
      properties: { logs: [] },
    };
    expect(detectClusterJson(setting)).toBe('diagnostic-settings');
    expect(detectClusterJson({ value: [setting] })).toBe('diagnostic-settings');
  });

  it.each([
    ['a Kubernetes object', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }],
    ['a Kubernetes List', { apiVersion: 'v1', kind: 'List', items: [] }],
    ['a Terraform plan', { format_version: '1.2', planned_values: { root_module: {} } }],
    ['Terraform state', { format_version: '1.0', values: { root_module: {} } }],
    ['package.json', { name: 'aksward', version: '0.1.0', type: 'module', dependencies: { yaml: '^2' } }],
    [
      'a parameters file',
      {
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
        parameters: {},
      },
    ],
    ['an empty array', []],
    ['an array of numbers', [1, 2]],
    [
      'a mixed array',
      [{ type: 'Microsoft.ContainerService/managedClusters' }, { type: 'Microsoft.Storage/storageAccounts' }],
    ],
    ['another resource type', { type: 'Microsoft.Storage/storageAccounts', properties: {} }],
    ['null', null],
    ['a string', 'Microsoft.ContainerService/managedClusters'],
  ])('does not claim %s', (_label, value) => {
    expect(detectClusterJson(value)).toBeUndefined();
  });
});

describe('detectClusterJson: which templates it claims', () => {
  const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
  const roleAssignment = {
    type: 'Microsoft.Authorization/roleAssignments',
    apiVersion: '2022-04-01',
    name: '[guid(resourceGroup().id)]',
    properties: { principalId: 'p', roleDefinitionId: 'r' },
  };
  const cluster = {
    type: 'Microsoft.ContainerService/managedClusters',
    apiVersion: '2024-09-01',
    name: 'aks',
  };
  const template = (resources: unknown) => ({ $schema: SCHEMA, contentVersion: '1.0.0.0', resources });

  it('leaves a template of role assignments only (or of unrelated resources) to the other detectors', () => {
    expect(detectClusterJson(template([roleAssignment]))).toBeUndefined();
    expect(
      detectClusterJson(template([{ type: 'Microsoft.Storage/storageAccounts', name: 's' }])),
    ).toBeUndefined();
    expect(detectClusterJson(template([]))).toBeUndefined();
    // A cluster snapshot is another resource type, whatever its prefix.
    const snapshot = { type: 'Microsoft.ContainerService/managedClusterSnapshots', name: 'snap' };
    expect(detectClusterJson(template([snapshot]))).toBeUndefined();
  });

  it.each([
    ['a cluster beside role assignments', template([roleAssignment, cluster])],
    ['a cluster in a languageVersion 2.0 resources object', template({ aks: cluster, ra: roleAssignment })],
    [
      'a child agent pool of a cluster defined elsewhere',
      template([{ type: `${cluster.type}/agentPools`, name: 'aks/p' }]),
    ],
    [
      'Deployment Safeguards',
      template([{ type: 'Microsoft.ContainerService/deploymentSafeguards', name: 'default' }]),
    ],
    ['a diagnostic setting', template([{ type: 'Microsoft.Insights/diagnosticSettings', name: 'audit' }])],
    [
      'a cluster inside an inline nested deployment (a Bicep module)',
      template([
        roleAssignment,
        {
          type: 'Microsoft.Resources/deployments',
          name: 'module',
          properties: {
            template: template([
              {
                type: 'Microsoft.Resources/deployments',
                name: 'inner',
                properties: { template: template([cluster]) },
              },
            ]),
          },
        },
      ]),
    ],
  ])('claims a template with %s', (_label, value) => {
    expect(detectClusterJson(value)).toBe('arm-template');
  });
});
