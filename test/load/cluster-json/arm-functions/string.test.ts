/** String functions, with the inputs and outputs of ARM's documentation (template-functions-string). */
import { describe, expect, it } from 'vitest';
import { uuidV5 } from '../../../../src/load/cluster-json/arm-hash.js';
import { evaluate, failures, scopeOf, table } from './table.js';

const scope = scopeOf({
  parameters: {
    stringData: { type: 'string', defaultValue: 'one, two, three' },
    jsonFormattedData: { type: 'string', defaultValue: "{'one': 'a', 'two': 'b'}" },
    testObject: { type: 'object', defaultValue: { valueA: 10, valueB: 'Example Text' } },
    testArray: { type: 'array', defaultValue: ['a', 'b', 'c'] },
  },
  variables: {
    base64String: "[base64(parameters('stringData'))]",
    base64Object: "[base64(parameters('jsonFormattedData'))]",
    uriFormat: "[uri('http://contoso.com/resources/', 'nested/azuredeploy.json')]",
    uriEncoded: "[uriComponent(variables('uriFormat'))]",
  },
});

describe('base64(), base64ToString(), base64ToJson()', () => {
  table(scope, [
    ["[variables('base64String')]", 'b25lLCB0d28sIHRocmVl'],
    ["[base64ToString(variables('base64String'))]", 'one, two, three'],
    ["[base64ToJson(variables('base64Object'))]", { one: 'a', two: 'b' }],
  ]);
  failures(scope, 'invalid', [["[base64ToString('not base64!')]", 'not base64']]);
});

describe('dataUri() and dataUriToString()', () => {
  table(scope, [
    ["[dataUri('Hello')]", 'data:text/plain;charset=utf8;base64,SGVsbG8='],
    ["[dataUriToString('data:;base64,SGVsbG8sIFdvcmxkIQ==')]", 'Hello, World!'],
  ]);
});

describe('startsWith() and endsWith() (case-insensitive)', () => {
  table(scope, [
    ["[startsWith('abcdef', 'ab')]", true],
    ["[startsWith('abcdef', 'A')]", true],
    ["[startsWith('abcdef', 'e')]", false],
    ["[endsWith('abcdef', 'ef')]", true],
    ["[endsWith('abcdef', 'F')]", true],
    ["[endsWith('abcdef', 'e')]", false],
  ]);
});

describe('format() (.NET composite formatting)', () => {
  table(scope, [
    [
      "[format('{0}, {1}. Formatted number: {2:N0}', 'Hello', 'User', 8175133)]",
      'Hello, User. Formatted number: 8,175,133',
    ],
    ["[format('{0:N2}', 1234.5)]", '1,234.50'],
    ["[format('{0:D4}', 42)]", '0042'],
    ["[format('{0:X}', 255)]", 'FF'],
    ["[format('{0:x4}', 255)]", '00ff'],
    ["[format('{0:000}', 7)]", '007'],
    ["[format('[{0,5}]', 'ab')]", '[   ab]'],
    ["[format('[{0,-5}]', 'ab')]", '[ab   ]'],
    ["[format('{0}-{1:D2}', 'pool', 3)]", 'pool-03'],
    ["[format('{0}', true())]", 'True'],
    ["[format('{{{0}}}', 'x')]", '{x}'],
  ]);
  failures(scope, 'invalid', [
    ["[format('{1}', 'a')]", 'no argument'],
    ["[format('a}', 'a')]", "unmatched '}'"],
  ]);
  failures(scope, 'undecidable', [["[format('{0:C}', 1)]", 'number format is not supported']]);
});

describe('guid() (RFC 4122 version 5 in ARM namespace 11fb06fb-712d-4ddd-98c7-e71bbd588830)', () => {
  it('is the RFC 4122 name-based UUID: the RFC example for the DNS namespace', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });
  it('hashes the arguments joined by "-" in ARM namespace', () => {
    const joined = uuidV5('11fb06fb-712d-4ddd-98c7-e71bbd588830', 'a-b-c');
    expect(evaluate(scope, "[guid('a', 'b', 'c')]")).toEqual({ ok: true, value: joined });
    expect(joined).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
  failures(scope, 'undecidable', [
    ["[guid(resourceId('Microsoft.Network/virtualNetworks', 'v'))]", 'depends on the deployment'],
    ['[guid(resourceGroup().id)]', 'resourceGroup() depends on the deployment'],
    ['[newGuid()]', 'depends on the deployment'],
  ]);
});

describe('indexOf() and lastIndexOf() on strings (case-insensitive)', () => {
  table(scope, [
    ["[indexOf('test', 't')]", 0],
    ["[lastIndexOf('test', 't')]", 3],
    ["[indexOf('abcdef', 'CD')]", 2],
    ["[lastIndexOf('abcdef', 'AB')]", 0],
    ["[indexOf('abcdef', 'z')]", -1],
  ]);
});

describe('join(), padLeft(), replace(), split()', () => {
  table(scope, [
    ["[join(createArray('one', 'two', 'three'), ',')]", 'one,two,three'],
    ["[join(createArray('one', 'two', 'three'), ';')]", 'one;two;three'],
    ["[padLeft('123', 10, '0')]", '0000000123'],
    ['[padLeft(123, 5)]', '  123'],
    ["[padLeft('123456', 3, '0')]", '123456'],
    ["[replace('123-123-1234', '-', '')]", '1231231234'],
    ["[replace('123-123-1234', '1234', 'xxxx')]", '123-123-xxxx'],
    ["[split('one,two,three', ',')]", ['one', 'two', 'three']],
    ["[split('one;two,three', createArray(',', ';'))]", ['one', 'two', 'three']],
  ]);
  failures(scope, 'invalid', [
    ["[padLeft('1', 3, 'ab')]", 'single character'],
    ["[padLeft('1', 100000000, '0')]", 'too large'],
  ]);
});

describe('string(), substring(), toLower(), toUpper(), trim()', () => {
  table(scope, [
    ["[string(parameters('testObject'))]", '{"valueA":10,"valueB":"Example Text"}'],
    ["[string(parameters('testArray'))]", '["a","b","c"]'],
    ['[string(5)]', '5'],
    ["[substring('one two three', 4, 3)]", 'two'],
    ["[substring('one two three', 4)]", 'two three'],
    ["[toLower('One Two Three')]", 'one two three'],
    ["[toUpper('One Two Three')]", 'ONE TWO THREE'],
    ["[trim('    one two three   ')]", 'one two three'],
  ]);
  failures(scope, 'invalid', [["[substring('1234567890', 0, 11)]", 'within the string']]);
});

describe('uniqueString() (values ARM returned, published with independent implementations)', () => {
  table(scope, [
    ["[uniqueString('test')]", 'rbgf3xv4ufgzg'],
    ["[uniqueString('hello', 'world')]", 'a7wkljktk6wne'],
    ["[uniqueString('abc')]", 'cgtzqvhu4i23s'],
    [
      "[uniqueString('/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/my-rg')]",
      'bmg7c6xu4tw46',
    ],
    ["[uniqueString('foo', 'bar', 'baz')]", 'xzi4ioaxtmth4'],
  ]);
  failures(scope, 'undecidable', [
    ['[uniqueString(resourceGroup().id)]', 'resourceGroup() depends on the deployment'],
  ]);
});

describe('uri(), uriComponent(), uriComponentToString()', () => {
  table(scope, [
    ["[variables('uriFormat')]", 'http://contoso.com/resources/nested/azuredeploy.json'],
    ["[variables('uriEncoded')]", 'http%3A%2F%2Fcontoso.com%2Fresources%2Fnested%2Fazuredeploy.json'],
    [
      "[uriComponentToString(variables('uriEncoded'))]",
      'http://contoso.com/resources/nested/azuredeploy.json',
    ],
    ["[uri('http://contoso.org/firstpath', 'myscript.sh')]", 'http://contoso.org/myscript.sh'],
    ["[uri('http://contoso.org/firstpath/', 'myscript.sh')]", 'http://contoso.org/firstpath/myscript.sh'],
    [
      "[uri('http://contoso.org/firstpath/azuredeploy.json', 'myscript.sh')]",
      'http://contoso.org/firstpath/myscript.sh',
    ],
    [
      "[uri('http://contoso.org/firstpath/azuredeploy.json/', 'myscript.sh')]",
      'http://contoso.org/firstpath/azuredeploy.json/myscript.sh',
    ],
    ["[uriComponent('a b!')]", 'a%20b%21'],
  ]);
  failures(scope, 'invalid', [["[uriComponentToString('%E0%A4%A')]", 'not URI-encoded']]);
});
