/** Deployment and resource functions, offline: environment() is AzureCloud; deployment-only values stay unknown. */
import { describe } from 'vitest';
import { failures, scopeOf, table } from './table.js';

const scope = scopeOf({
  parameters: {
    stringParameter: { type: 'string', defaultValue: 'option 1' },
    intParameter: { type: 'int', defaultValue: 1 },
    objectParameter: { type: 'object', defaultValue: { one: 'a', two: 'b' } },
    arrayParameter: { type: 'array', defaultValue: [1, 2, 3] },
    crossParameter: { type: 'string', defaultValue: "[parameters('stringParameter')]" },
  },
  variables: {
    var1: 'myVariable',
    var2: [1, 2, 3, 4],
    var3: "[variables('var1')]",
    var4: { property1: 'value1', property2: 'value2' },
  },
});

describe('parameters() and variables()', () => {
  table(scope, [
    ["[parameters('stringParameter')]", 'option 1'],
    ["[parameters('intParameter')]", 1],
    ["[parameters('objectParameter')]", { one: 'a', two: 'b' }],
    ["[parameters('arrayParameter')]", [1, 2, 3]],
    ["[parameters('crossParameter')]", 'option 1'],
    ["[variables('var1')]", 'myVariable'],
    ["[variables('var2')]", [1, 2, 3, 4]],
    ["[variables('var3')]", 'myVariable'],
    ["[variables('var4')]", { property1: 'value1', property2: 'value2' }],
  ]);
});

describe('environment()', () => {
  table(scope, [
    ['[environment().name]', 'AzureCloud'],
    ['[environment().suffixes.acrLoginServer]', '.azurecr.io'],
    ['[environment().authentication.loginEndpoint]', 'https://login.microsoftonline.com/'],
    ['[environment().resourceManager]', 'https://management.azure.com/'],
  ]);
});

describe('resource ids', () => {
  table(scope, [
    [
      "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'default')]",
      '/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/default',
    ],
    [
      "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b24988ac-6180-42a0-ab88-20f7382dd24c')]",
      '/subscriptions/{subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c',
    ],
    [
      "[tenantResourceId('Microsoft.Authorization/policyDefinitions', 'p1')]",
      '/providers/Microsoft.Authorization/policyDefinitions/p1',
    ],
    [
      "[managementGroupResourceId('mg1', 'Microsoft.Authorization/policyDefinitions', 'p1')]",
      '/providers/Microsoft.Management/managementGroups/mg1/providers/Microsoft.Authorization/policyDefinitions/p1',
    ],
    [
      "[extensionResourceId('/subscriptions/s/resourceGroups/g', 'Microsoft.Authorization/locks', 'lock')]",
      '/subscriptions/s/resourceGroups/g/providers/Microsoft.Authorization/locks/lock',
    ],
  ]);
});

describe('what only the deployment knows', () => {
  failures(scope, 'undecidable', [
    ['[deployment().name]', 'deployment() depends on the deployment'],
    ['[resourceGroup().location]', 'resourceGroup() depends on the deployment'],
    ['[subscription().tenantId]', 'subscription() depends on the deployment'],
    ['[tenant().tenantId]', 'tenant() depends on the deployment'],
    ["[reference('aks').fqdn]", 'reference() depends on the deployment'],
    ["[listKeys('sa', '2023-01-01').keys[0].value]", 'listKeys() depends on the deployment'],
    [
      "[pickZones('Microsoft.Compute', 'virtualMachines', 'westus2')]",
      'pickZones() depends on the deployment',
    ],
    ['[copyIndex()]', 'copyIndex() depends on the deployment'],
  ]);
});
