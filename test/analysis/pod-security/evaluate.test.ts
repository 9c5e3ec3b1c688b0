/** @module evaluatePodSecurity: paths, containers and the level/version mechanics, on pods built in memory. */
import { describe, expect, it } from 'vitest';
import type { PodSecurityInput } from '../../../src/analysis/pod-security/index.js';
import {
  evaluatePodSecurity,
  LATEST_POLICY_MINOR,
  safeSysctls,
} from '../../../src/analysis/pod-security/index.js';
import { formatPath } from '../../../src/model/index.js';

function pod(spec: Record<string, unknown>, annotations: Record<string, string> = {}): PodSecurityInput {
  const containers = (['initContainers', 'containers', 'ephemeralContainers'] as const).flatMap((key) =>
    ((spec[key] ?? []) as Record<string, unknown>[]).map((body, i) => ({
      name: String(body['name']),
      kind:
        key === 'containers'
          ? ('container' as const)
          : key === 'initContainers'
            ? ('init' as const)
            : ('ephemeral' as const),
      body,
      path: ['spec', 'template', 'spec', key, i],
    })),
  );
  return {
    annotations,
    metadataPath: ['spec', 'template', 'metadata'],
    spec,
    specPath: ['spec', 'template', 'spec'],
    containers,
  };
}

const shape = (input: PodSecurityInput, level: 'baseline' | 'restricted', minor = LATEST_POLICY_MINOR) =>
  evaluatePodSecurity(input, level, minor).map((v) => ({
    check: v.check,
    path: formatPath(v.path),
    container: v.container,
  }));

describe('evaluatePodSecurity', () => {
  it('allows the default (minimally specified) pod at baseline', () => {
    expect(shape(pod({ containers: [{ name: 'app', image: 'nginx' }] }), 'baseline')).toEqual([]);
  });

  it('reports each offending field with its path and container', () => {
    const input = pod({
      hostPID: true,
      containers: [
        { name: 'app', securityContext: { privileged: true }, ports: [{ containerPort: 80, hostPort: 80 }] },
      ],
    });
    expect(shape(input, 'baseline')).toEqual([
      { check: 'hostNamespaces', path: 'spec.template.spec.hostPID', container: undefined },
      {
        check: 'privileged',
        path: 'spec.template.spec.containers[0].securityContext.privileged',
        container: 'app',
      },
      { check: 'hostPorts', path: 'spec.template.spec.containers[0].ports[0].hostPort', container: 'app' },
    ]);
  });

  it('names the unset field of each container a restricted pod lacks', () => {
    const input = pod({ containers: [{ name: 'app' }], ephemeralContainers: [{ name: 'debug' }] });
    expect(shape(input, 'restricted').filter((v) => v.check === 'runAsNonRoot')).toEqual([
      {
        check: 'runAsNonRoot',
        path: 'spec.template.spec.containers[0].securityContext.runAsNonRoot',
        container: 'app',
      },
      {
        check: 'runAsNonRoot',
        path: 'spec.template.spec.ephemeralContainers[0].securityContext.runAsNonRoot',
        container: 'debug',
      },
    ]);
  });

  it('lets restricted replace the baseline checks it overrides, so hostPath is reported once', () => {
    const input = pod({
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [
        {
          name: 'app',
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
        },
      ],
      volumes: [{ name: 'root', hostPath: { path: '/' } }],
    });
    expect(shape(input, 'baseline')).toEqual([
      { check: 'hostPathVolumes', path: 'spec.template.spec.volumes[0].hostPath', container: undefined },
    ]);
    expect(shape(input, 'restricted')).toEqual([
      { check: 'restrictedVolumes', path: 'spec.template.spec.volumes[0].hostPath', container: undefined },
    ]);
  });

  it('reads the alpha AppArmor and seccomp annotations from the pod metadata', () => {
    const input = pod(
      { containers: [{ name: 'app' }] },
      {
        'container.apparmor.security.beta.kubernetes.io/app': 'unconfined',
        'container.seccomp.security.alpha.kubernetes.io/app': 'unconfined',
      },
    );
    expect(shape(input, 'baseline', 18).map((v) => `${v.check} ${v.path}`)).toEqual([
      'appArmorProfile spec.template.metadata.annotations.container.apparmor.security.beta.kubernetes.io/app',
      'seccompProfile_baseline spec.template.metadata.annotations.container.seccomp.security.alpha.kubernetes.io/app',
    ]);
  });

  it('clamps a policy version newer than the implemented checks to the newest', () => {
    const input = pod({
      containers: [{ name: 'app', securityContext: { procMount: 'Unmasked' } }],
      hostUsers: false,
    });
    expect(shape(input, 'baseline', 99)).toEqual(shape(input, 'baseline', LATEST_POLICY_MINOR));
    expect(shape(input, 'baseline', 99)).toEqual([]);
  });

  it('grows the safe sysctl set with the policy version', () => {
    expect(safeSysctls(26)).toHaveLength(5);
    expect(safeSysctls(27)).toHaveLength(6);
    expect(safeSysctls(29)).toHaveLength(10);
    expect(safeSysctls(35)).toHaveLength(12);
  });
});
