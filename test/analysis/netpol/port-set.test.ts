import { describe, expect, it } from 'vitest';
import {
  ALL_PORTS,
  NO_PORTS,
  describePorts,
  formatPortList,
  hasPort,
  intersectPorts,
  isAllPorts,
  isEmptyPorts,
  isSubsetPorts,
  portRange,
  unionPorts,
} from '../../../src/analysis/netpol/port-set.js';

describe('port sets', () => {
  it('merges adjacent and overlapping ranges into maximal ranges', () => {
    const set = [
      portRange('TCP', 80),
      portRange('TCP', 81),
      portRange('TCP', 85, 90),
      portRange('TCP', 88, 95),
    ].reduce(unionPorts);
    expect(formatPortList(set)).toEqual(['TCP 80-81', 'TCP 85-95']);
  });

  it('gives equal ranges one set, and different ranges their own', () => {
    // Generated policies repeat a few ports in hundreds of thousands of rules.
    expect(portRange('TCP', 8080)).toBe(portRange('TCP', 8080, 8080));
    expect(portRange('UDP')).toBe(portRange('UDP', 0, 70000));
    expect(portRange('TCP', 8080)).not.toBe(portRange('UDP', 8080));
    expect(formatPortList(portRange('TCP', 8080, 8081))).toEqual(['TCP 8080-8081']);
    expect(formatPortList(portRange('TCP', 8080))).toEqual(['TCP 8080']);
    expect(formatPortList(portRange('UDP'))).toEqual(['UDP 1-65535']);
    expect(portRange('TCP', 90, 80)).toBe(NO_PORTS);
  });

  it('keeps protocols apart and prints them SCTP, TCP, UDP', () => {
    const set = unionPorts(unionPorts(portRange('UDP', 53), portRange('TCP', 53)), portRange('SCTP', 9));
    expect(formatPortList(set)).toEqual(['SCTP 9', 'TCP 53', 'UDP 53']);
    expect(hasPort(set, 'TCP', 53)).toBe(true);
    expect(hasPort(set, 'SCTP', 53)).toBe(false);
  });

  it('says All Connections only for every port of all three protocols', () => {
    const tcpUdp = unionPorts(portRange('TCP'), portRange('UDP'));
    expect(isAllPorts(tcpUdp)).toBe(false);
    expect(describePorts(tcpUdp)).toBe('TCP 1-65535,UDP 1-65535');
    expect(describePorts(unionPorts(tcpUdp, portRange('SCTP', 1, 65535)))).toBe('All Connections');
    expect(describePorts(NO_PORTS)).toBe('No Connections');
  });

  it('intersects range by range', () => {
    const a = unionPorts(portRange('TCP', 1, 79), portRange('TCP', 81, 65535));
    const b = portRange('TCP', 70, 90);
    expect(describePorts(intersectPorts(a, b))).toBe('TCP 70-79,81-90');
    expect(isEmptyPorts(intersectPorts(portRange('UDP', 53), portRange('TCP', 53)))).toBe(true);
    expect(intersectPorts(ALL_PORTS, b)).toBe(b);
  });

  it('clamps to 1-65535 and treats a reversed range as empty', () => {
    expect(formatPortList(portRange('TCP', 0, 3))).toEqual(['TCP 1-3']);
    expect(isEmptyPorts(portRange('TCP', 90, 80))).toBe(true);
    expect(formatPortList(portRange('UDP'))).toEqual(['UDP 1-65535']);
  });

  it('decides inclusion', () => {
    expect(isSubsetPorts(portRange('TCP', 80), portRange('TCP', 1, 100))).toBe(true);
    expect(isSubsetPorts(portRange('TCP', 80, 200), portRange('TCP', 1, 100))).toBe(false);
    expect(isSubsetPorts(NO_PORTS, NO_PORTS)).toBe(true);
  });
});
