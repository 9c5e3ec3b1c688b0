/** The audit-log loader: JSON lines, EventList, the AKS export shapes, deduplication, and bad input. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAuditLog, readAuditLog } from '../../../src/load/audit-log/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURES = 'test/fixtures/load/audit-log';
const read = (name: string) =>
  parseAuditLog([{ text: readFileSync(`${ROOT}${FIXTURES}/${name}`, 'utf8'), file: name }]);
const summary = (log: ReturnType<typeof parseAuditLog>) =>
  log.events.map(
    (e) =>
      `${e.auditID.slice(-3)} ${e.stage} ${e.verb} ${e.user.username} ${e.objectRef?.resource ?? e.requestURI}:${e.at.line}`,
  );

const FIRST_TWO = [
  '001 ResponseComplete get system:serviceaccount:ci:deployer configmaps',
  '002 ResponseComplete patch system:serviceaccount:ci:deployer configmaps',
];

describe('parseAuditLog', () => {
  it('reads the example JSON lines: response stages only, one event per auditID', async () => {
    const log = await readAuditLog(['examples/evidence/unhardened/kube-audit.jsonl'], { cwd: ROOT });
    expect(log.diagnostics).toEqual([]);
    expect(log.stats).toEqual({
      records: 83,
      events: 71,
      duplicates: 9,
      skippedStages: { RequestReceived: 3 },
      otherCategories: 0,
      invalid: 0,
    });
    const watch = log.events.find((e) => e.verb === 'watch' && e.user.username.endsWith(':shop:default'));
    expect(watch).toMatchObject({
      stage: 'ResponseComplete',
      objectRef: { apiGroup: 'apps', resource: 'deployments', namespace: 'shop', name: '' },
      decision: 'allow',
      responseCode: 200,
      sourceIPs: ['20.61.12.34'],
    });
    const forbidden = log.events.filter((e) => e.decision === 'forbid');
    expect(forbidden.map((e) => [e.verb, e.objectRef?.resource, e.responseCode, e.at.line])).toEqual([
      ['get', 'namespaces', 403, 12],
    ]);
  });

  it('keeps the rest of a file with a truncated line, a non-audit line and an event without verb', () => {
    const log = read('truncated.jsonl');
    expect(
      log.events.map((e) => `${e.verb} ${e.objectRef?.resource ?? e.requestURI} line ${e.at.line}`),
    ).toEqual(['get configmaps line 1', 'patch configmaps line 3', 'get /healthz line 7']);
    expect(log.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([
      ['parse-error', 'truncated.jsonl', 2],
      ['parse-error', 'truncated.jsonl', 5],
      ['parse-error', 'truncated.jsonl', 6],
    ]);
    expect(log.diagnostics[0]?.message).toMatch(/truncated/);
    expect(log.stats.invalid).toBe(3);
  });

  it('unwraps AKS storage-account export records (properties.log) and counts other categories', () => {
    const log = read('aks-storage-export.json');
    expect(summary(log)).toEqual(FIRST_TWO.map((s, i) => `${s}:${i + 1}`));
    expect(log.stats.otherCategories).toBe(1);
    expect(log.diagnostics).toEqual([]);
  });

  it('unwraps an Event Hub message (records[])', () => {
    const log = read('aks-event-hub.json');
    expect(log.events.map((e) => e.verb)).toEqual(['get', 'patch']);
    expect(log.stats.otherCategories).toBe(1);
  });

  it('reads Log Analytics AzureDiagnostics rows (log_s)', () => {
    expect(read('azure-diagnostics.json').events.map((e) => [e.verb, e.objectRef?.name])).toEqual([
      ['get', 'app'],
      ['patch', 'app'],
    ]);
  });

  it('reads resource-specific AKSAudit rows, dynamic columns as objects or as JSON text', () => {
    const log = read('aks-audit-table.json');
    expect(log.diagnostics).toEqual([]);
    expect(
      log.events.map((e) => [
        e.verb,
        e.user.groups.length,
        e.objectRef?.namespace,
        e.decision,
        e.responseCode,
      ]),
    ).toEqual([
      ['get', 3, 'shop', 'allow', 200],
      ['patch', 3, 'shop', 'allow', 200],
    ]);
  });

  it('reads an EventList, locating each event by its auditID', () => {
    const log = read('event-list.json');
    expect(log.events.map((e) => [e.verb, e.stage])).toEqual([
      ['get', 'ResponseComplete'],
      ['patch', 'ResponseComplete'],
    ]);
    expect(log.stats.duplicates).toBe(1);
    expect(log.events[0]?.at.line).toBeGreaterThan(1);
  });

  it('reads a Log Analytics query answer (tables[].columns + rows)', () => {
    const event = JSON.parse(readFileSync(`${ROOT}${FIXTURES}/aks-audit-table.json`, 'utf8')) as Record<
      string,
      unknown
    >[];
    const columns = Object.keys(event[1] ?? {});
    const text = JSON.stringify({
      tables: [
        {
          name: 'PrimaryResult',
          columns: columns.map((name) => ({ name, type: 'string' })),
          rows: [columns.map((c) => event[1]?.[c])],
        },
      ],
    });
    expect(parseAuditLog([{ text, file: 'query.json' }]).events.map((e) => e.verb)).toEqual(['patch']);
  });

  it('keeps a watch seen only as ResponseStarted, skips a short request seen only so', () => {
    const base = {
      kind: 'Event',
      apiVersion: 'audit.k8s.io/v1',
      stage: 'ResponseStarted',
      user: { username: 'alice', groups: [] },
      objectRef: { resource: 'pods', namespace: 'shop' },
      requestURI: '/api/v1/namespaces/shop/pods',
    };
    const text = [
      JSON.stringify({ ...base, auditID: 'a', verb: 'watch' }),
      JSON.stringify({ ...base, auditID: 'b', verb: 'list' }),
      JSON.stringify({ ...base, auditID: 'c', verb: 'get', stage: 'Panic' }),
    ].join('\n');
    const log = parseAuditLog([{ text, file: 'x.jsonl' }]);
    expect(log.events.map((e) => e.auditID)).toEqual(['a']);
    expect(log.stats.skippedStages).toEqual({ Panic: 1, ResponseStarted: 1 });
  });

  it('never throws: an unreadable file and an empty file are diagnostics or nothing', async () => {
    const log = await readAuditLog(['no/such/file.jsonl'], { cwd: ROOT });
    expect(log.events).toEqual([]);
    expect(log.diagnostics.map((d) => [d.code, d.file])).toEqual([['read-error', 'no/such/file.jsonl']]);
    expect(parseAuditLog([{ text: '\n\n', file: 'empty' }]).events).toEqual([]);
    expect(parseAuditLog([{ text: '{"records": 3}', file: 'odd' }]).diagnostics.map((d) => d.line)).toEqual([
      1,
    ]);
  });

  it('caps diagnostics per file and says how many more', () => {
    const text = Array.from({ length: 25 }, () => '{"oops"').join('\n');
    const log = parseAuditLog([{ text, file: 'bad.jsonl' }]);
    expect(log.stats.invalid).toBe(25);
    expect(log.diagnostics).toHaveLength(21);
    expect(log.diagnostics.at(-1)?.message).toMatch(/^5 more/);
  });

  describe('a large export', () => {
    const event = (i: number, id = `id-${i}`) => ({
      kind: 'Event',
      apiVersion: 'audit.k8s.io/v1',
      stage: 'ResponseComplete',
      auditID: id,
      verb: 'get',
      user: { username: 'alice', groups: [] },
      objectRef: { resource: 'pods', namespace: 'shop' },
      requestURI: '/api/v1/namespaces/shop/pods',
    });

    // Past the about 125,000 arguments a spread may pass (each file's events were appended with one), and
    // each event's line was found by searching the whole text from its start (quadratic: 10,000 took 20 s).
    it('reads 150,000 events of one EventList and of JSON lines, each at its line', () => {
      const items = Array.from({ length: 150_000 }, (_, i) => event(i));
      const list = parseAuditLog([
        {
          text: JSON.stringify({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', items }),
          file: 'list.json',
        },
      ]);
      expect(list.events).toHaveLength(150_000);
      expect(list.diagnostics).toEqual([]);
      const lines = parseAuditLog([
        { text: items.map((e) => JSON.stringify(e)).join('\n'), file: 'x.jsonl' },
      ]);
      expect(lines.events).toHaveLength(150_000);
      expect(lines.events.at(-1)?.at.line).toBe(150_000);
    });

    it('finds each event of a document at its own line, in order, even when one ID starts another', () => {
      const items = [event(0, 'id-10'), event(1, 'id-1'), event(2, 'id-11')];
      const text = JSON.stringify({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', items }, null, 2);
      const lineOf = (id: string) => text.split('\n').findIndex((l) => l.includes(`"${id}"`)) + 1;
      const log = parseAuditLog([{ text, file: 'list.json' }]);
      expect(log.events.map((e) => [e.auditID, e.at.line])).toEqual(
        ['id-10', 'id-1', 'id-11'].map((id) => [id, lineOf(id)]),
      );
    });

    it('gives up on lines, not on events, when IDs cannot be found as written (escaped in the text)', () => {
      // `\u0069d` is how a hostile exporter may write "id": the parsed ID is never in the text as such.
      const count = 20_000;
      const text = `{"kind":"EventList","apiVersion":"audit.k8s.io/v1","items":[${Array.from(
        { length: count },
        (_, i) => JSON.stringify(event(i, `id-${i}`)).replace(`"id-${i}"`, `"\\u0069d-${i}"`),
      ).join(',\n')}]}`;
      const log = parseAuditLog([{ text, file: 'escaped.json' }]);
      expect(log.events).toHaveLength(count);
      expect(new Set(log.events.map((e) => e.at.line))).toEqual(new Set([1]));
    });
  });
});
