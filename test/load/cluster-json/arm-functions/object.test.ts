/** Object functions, with the inputs and outputs of ARM's documentation (template-functions-object). */
import { describe } from 'vitest';
import { failures, scopeOf, table } from './table.js';

const entities = {
  item002: { enabled: false, displayName: 'Example item 2', number: 200 },
  item001: { enabled: true, displayName: 'Example item 1', number: 300 },
};

const scope = scopeOf({
  parameters: {
    jsonEmptyObject: { type: 'string', defaultValue: 'null' },
    jsonObject: { type: 'string', defaultValue: '{"a": "b"}' },
    jsonString: { type: 'string', defaultValue: '"test"' },
    jsonBoolean: { type: 'string', defaultValue: 'true' },
    jsonInt: { type: 'string', defaultValue: '3' },
    jsonArray: { type: 'string', defaultValue: '[[1,2,3 ]' },
    concatValue: { type: 'string', defaultValue: 'demo value' },
  },
  variables: {
    entities,
    firstObject: { property: { one: 'a', two: 'b', three: 'c1' }, nestedArray: [1, 2] },
    secondObject: { property: { three: 'c2', four: 'd', five: 'e' }, nestedArray: [3, 4] },
  },
});

describe('createObject()', () => {
  table(scope, [
    [
      "[createObject('intProp', 1, 'stringProp', 'abc', 'boolProp', true(), 'arrayProp', createArray('a', 'b', 'c'), 'objectProp', createObject('key1', 'value1'))]",
      {
        intProp: 1,
        stringProp: 'abc',
        boolProp: true,
        arrayProp: ['a', 'b', 'c'],
        objectProp: { key1: 'value1' },
      },
    ],
    ['[createObject()]', {}],
  ]);
  failures(scope, 'invalid', [
    ["[createObject('a')]", 'key/value pairs'],
    ["[createObject(1, 'a')]", 'keys must be strings'],
  ]);
});

describe('items()', () => {
  table(scope, [
    [
      "[items(variables('entities'))]",
      [
        { key: 'item001', value: { enabled: true, displayName: 'Example item 1', number: 300 } },
        { key: 'item002', value: { enabled: false, displayName: 'Example item 2', number: 200 } },
      ],
    ],
    ["[items(variables('entities'))[0].value.displayName]", 'Example item 1'],
  ]);
});

describe('json()', () => {
  table(scope, [
    ["[empty(json(parameters('jsonEmptyObject')))]", true],
    ["[json(parameters('jsonObject'))]", { a: 'b' }],
    ["[json(parameters('jsonString'))]", 'test'],
    ["[json(parameters('jsonBoolean'))]", true],
    ["[json(parameters('jsonInt'))]", 3],
    ["[json(parameters('jsonArray'))]", [1, 2, 3]],
    ["[json(concat('{\"a\": \"', parameters('concatValue'), '\"}'))]", { a: 'demo value' }],
    ["[json('{''one'': ''a'', ''two'': ''b''}')]", { one: 'a', two: 'b' }],
  ]);
  failures(scope, 'invalid', [
    ["[json('{not json')]", 'not JSON'],
    ['[json(1)]', 'json() of a number'],
  ]);
});

describe('null(), objectKeys() and shallowMerge()', () => {
  table(scope, [
    ['[empty(null())]', true],
    ["[objectKeys(createObject('a', 1, 'b', 2))]", ['a', 'b']],
    [
      "[shallowMerge(createArray(createObject('one', 'a'), createObject('two', 'b'), createObject('two', 'c')))]",
      { one: 'a', two: 'c' },
    ],
    [
      "[shallowMerge(createArray(createObject('one', 'a', 'nested', createObject('a', 1, 'nested', createObject('c', 3))), createObject('two', 'b', 'nested', createObject('b', 2))))]",
      { one: 'a', nested: { b: 2 }, two: 'b' },
    ],
  ]);
});

describe('union() of objects merges deeply, arrays inside replaced', () => {
  table(scope, [
    [
      "[union(variables('firstObject'), variables('secondObject'))]",
      { property: { one: 'a', two: 'b', three: 'c2', four: 'd', five: 'e' }, nestedArray: [3, 4] },
    ],
  ]);
});
