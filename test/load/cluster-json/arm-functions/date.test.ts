/** Date functions: exact where ARM's result is documented and reproducible, undecided otherwise. */
import { describe } from 'vitest';
import { failures, scopeOf, table } from './table.js';

const scope = scopeOf({ parameters: { baseTime: { type: 'string', defaultValue: "[utcNow('u')]" } } });

describe('dateTimeAdd()', () => {
  table(scope, [
    ["[dateTimeAdd('2020-04-07 14:53:14Z', 'P3Y', 'u')]", '2023-04-07 14:53:14Z'],
    ["[dateTimeAdd('2020-04-07 14:53:14Z', '-P9D', 'u')]", '2020-03-29 14:53:14Z'],
    ["[dateTimeAdd('2020-04-07 14:53:14Z', 'PT1H', 'u')]", '2020-04-07 15:53:14Z'],
    ["[dateTimeAdd('2020-01-31T00:00:00Z', 'P1M', 'yyyy-MM-ddTHH:mm:ssZ')]", '2020-02-29T00:00:00Z'],
    ["[dateTimeAdd('2020-04-07T14:53:14Z', 'P1DT30M', 's')]", '2020-04-08T15:23:14'],
  ]);
  failures(scope, 'undecidable', [
    ["[dateTimeAdd(parameters('baseTime'), 'PT1H')]", 'utcNow() depends on the deployment'],
    ["[dateTimeAdd('2020-04-07 14:53:14Z', 'PT1H')]", 'without an output format'],
  ]);
  failures(scope, 'invalid', [
    ["[dateTimeAdd('2020-04-07 14:53:14Z', '1 hour', 'u')]", 'not an ISO 8601 duration'],
  ]);
});

describe('dateTimeFromEpoch() and dateTimeToEpoch()', () => {
  table(scope, [
    ['[dateTimeFromEpoch(1683040573)]', '2023-05-02T15:16:13Z'],
    ["[dateTimeToEpoch('2023-05-02T15:16:13Z')]", 1683040573],
    ['[dateTimeToEpoch(dateTimeFromEpoch(0))]', 0],
  ]);
  failures(scope, 'invalid', [["[dateTimeToEpoch('yesterday')]", 'not an ISO 8601']]);
});

describe('utcNow()', () => {
  failures(scope, 'undecidable', [["[utcNow('u')]", 'depends on the deployment']]);
});
