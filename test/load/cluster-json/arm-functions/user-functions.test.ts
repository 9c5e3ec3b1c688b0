/** User-defined functions (the `functions` section; Bicep `func` compiles to namespace `__bicep`). */
import { describe } from 'vitest';
import { failures, scopeOf, table } from './table.js';

const scope = scopeOf({
  functions: [
    {
      namespace: 'contoso',
      members: {
        uniqueName: {
          parameters: [{ name: 'namePrefix', type: 'string' }],
          output: { type: 'string', value: "[concat(toLower(parameters('namePrefix')), '-sa')]" },
        },
        readsVariable: { parameters: [], output: { type: 'string', value: "[variables('v')]" } },
        callsOther: {
          parameters: [{ name: 'x', type: 'int' }],
          output: { type: 'int', value: "[add(contoso.double(parameters('x')), 1)]" },
        },
        double: {
          parameters: [{ name: 'x', type: 'int' }],
          output: { type: 'int', value: "[mul(parameters('x'), 2)]" },
        },
        loop: { parameters: [], output: { type: 'int', value: '[contoso.loop()]' } },
      },
    },
    {
      namespace: '__bicep',
      members: {
        poolName: {
          parameters: [
            { name: 'prefix', type: 'string' },
            { name: 'index', type: 'int' },
          ],
          output: {
            type: 'string',
            value: "[format('{0}{1:D2}', parameters('prefix'), parameters('index'))]",
          },
        },
        profile: {
          parameters: [{ name: 'enabled', type: 'bool' }],
          output: { type: 'object', value: { enabled: "[parameters('enabled')]", tier: 'Standard' } },
        },
      },
    },
  ],
  variables: { v: 'x' },
});

describe('user-defined functions', () => {
  table(scope, [
    ["[contoso.uniqueName('Storage')]", 'storage-sa'],
    ["[CONTOSO.UNIQUENAME('Storage')]", 'storage-sa'],
    ['[contoso.callsOther(4)]', 9],
    ["[__bicep.poolName('user', 3)]", 'user03'],
    ["[map(range(1, 2), lambda('i', __bicep.poolName('np', lambdaVariables('i'))))]", ['np01', 'np02']],
    ['[__bicep.profile(true())]', { enabled: true, tier: 'Standard' }],
  ]);
  failures(scope, 'invalid', [
    ['[contoso.readsVariable()]', 'user-defined functions cannot'],
    ["[contoso.uniqueName('a', 'b')]", 'takes 1 arguments'],
    ['[contoso.missing()]', 'is not declared'],
    ['[contoso.loop()]', 'nest too deeply'],
  ]);
});
