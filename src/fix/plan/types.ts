/** @module The fix plan as data: steps in the guidance's rollout order, the decisions left to the user, the files. */

/** The rollout order of the hardening guidance ("Where teams get the rollout order wrong"). */
export const PLAN_PHASES = [
  'creation',
  'api-server',
  'network',
  'rbac',
  'secrets',
  'admission',
  'nodes',
  'posture',
] as const;
export type PlanPhase = (typeof PLAN_PHASES)[number];

/**
 * `change`: a change a running cluster takes, applied as given. `add`: new objects, alongside what exists.
 * `remove`: the old permissive path, after its replacement is proven. `migrate`/`rebuild`: the target
 * definition, reached by a migration or a new cluster, not by a patch.
 */
export type StepKind = 'change' | 'add' | 'remove' | 'migrate' | 'rebuild';

export interface ClosedFinding {
  readonly ruleId: string;
  /** What the finding is about: `azurerm_kubernetes_cluster.shop`, `Deployment/shop/web`, `Namespace/shop`. */
  readonly subject: string;
  readonly fingerprints: readonly string[];
}

export interface VerifyCommand {
  readonly command: string;
  /** What the command must show for the step to hold: `no`, `times out`, `fails: local accounts are disabled`. */
  readonly expect: string;
}

export interface PlanStep {
  /** Stable across runs: `cluster:no-local-accounts:azurerm_kubernetes_cluster.shop`, `network-allow:shop`. */
  readonly id: string;
  /** 1-based position in the rollout. */
  readonly number: number;
  readonly phase: PlanPhase;
  readonly kind: StepKind;
  readonly title: string;
  readonly closes: readonly ClosedFinding[];
  /** Files under the output folder this step writes. */
  readonly artifacts: readonly string[];
  /** How to apply it: commands, in order. */
  readonly apply: readonly string[];
  /** How to prove it from the attacker's side. */
  readonly verify: readonly VerifyCommand[];
  /** Steps that must be in place first. */
  readonly dependsOn: readonly string[];
  /** What breaks if this step is applied before those. */
  readonly breaksIfEarly?: string;
  /** For migrate and rebuild: the path, step by step. */
  readonly migration?: readonly string[];
  /** Placeholders in the step's commands and artifacts (`<key-vault-name>`): they need your input. */
  readonly inputs?: readonly { readonly placeholder: string; readonly reason: string }[];
  readonly notes: readonly string[];
}

/** A finding aksward cannot close on its own: the value is the user's to choose. */
export interface Decision {
  readonly ruleId: string;
  readonly subject: string;
  readonly severity: string;
  readonly decide: string;
  /** Commands or templates that apply once the value is chosen. */
  readonly then: readonly string[];
  readonly fingerprints: readonly string[];
}

export type RemainingNeed = 'rebuild' | 'migration' | 'input' | 'manual';

export interface PlanProof {
  /** Failed findings by severity, before and after every step (the scan of `after/`). */
  readonly before: Readonly<Record<string, number>>;
  readonly after: Readonly<Record<string, number>>;
  /** Findings still failing after every step, and the step or decision that accounts for each. */
  readonly remaining: readonly {
    readonly ruleId: string;
    readonly subject: string;
    readonly severity: string;
    readonly reason: string;
    /** What closing it takes: a rebuild, a migration, your input (a value), or a manual fix. */
    readonly needs: RemainingNeed;
  }[];
  /** Findings closed by steps whose commands or artifacts hold placeholders (`steps[].inputs`). */
  readonly needsInput: number;
  /** Network: observed and declared flows kept, connections closed, DNS. */
  readonly network?: {
    readonly flowsChecked: number;
    readonly severed: number;
    readonly connectionsClosed: number;
    readonly dnsAllowed: boolean;
    readonly enforcement: string;
  };
  /** RBAC: audited requests kept, rights removed (`can-i` answers). */
  readonly rbac?: {
    readonly requestsPreserved: number;
    readonly requestsLost: number;
    readonly rightsRemoved: number;
    readonly rightsRemovedHold: boolean;
    readonly evidence: string;
  };
}

export interface FixPlan {
  readonly schemaVersion: '1.1';
  readonly tool: { readonly name: 'aksward'; readonly version: string };
  readonly inputs: readonly string[];
  readonly evidence: { readonly flows: readonly string[]; readonly auditLogs: readonly string[] };
  readonly steps: readonly PlanStep[];
  readonly decisions: readonly Decision[];
  readonly proof: PlanProof;
  /** Problems with the inputs or the evidence (a truncated line, flows of another cluster). */
  readonly diagnostics: readonly {
    readonly level: string;
    readonly message: string;
    readonly file?: string;
    readonly line?: number;
  }[];
}

/** What a fix run writes: the plan, its artifacts, and the inputs with every step applied. */
export interface FixOutput {
  readonly plan: FixPlan;
  /** Relative path under the output folder → content (artifacts only; plan files are rendered separately). */
  readonly artifacts: ReadonlyMap<string, string>;
  /** Relative path under `after/` → content. */
  readonly after: ReadonlyMap<string, string>;
}
