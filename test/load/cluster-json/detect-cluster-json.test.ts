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
