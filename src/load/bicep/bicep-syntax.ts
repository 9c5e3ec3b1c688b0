/** @module The Bicep syntax tree: declarations and expressions, each with the 1-based line it starts on. */

export type BinaryOperator =
  '??' | '||' | '&&' | '==' | '!=' | '=~' | '!~' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%';

export interface ObjectProperty {
  readonly kind: 'property';
  readonly key: string;
  readonly line: number;
  readonly value: Expr;
}

/** An object's entries: properties, and in a resource body, nested child resources. */
export type ObjectEntry = ObjectProperty | { readonly kind: 'resource'; readonly decl: ResourceDecl };

export type Expr =
  | { readonly kind: 'literal'; readonly value: number | boolean | null; readonly line: number }
  | {
      readonly kind: 'string';
      readonly parts: readonly string[];
      readonly holes: readonly Expr[];
      readonly line: number;
    }
  | { readonly kind: 'ident'; readonly name: string; readonly line: number }
  | { readonly kind: 'object'; readonly entries: readonly ObjectEntry[]; readonly line: number }
  | { readonly kind: 'array'; readonly items: readonly Expr[]; readonly line: number }
  | {
      readonly kind: 'for';
      readonly item?: string;
      readonly index?: string;
      readonly source: Expr;
      readonly body: Expr;
      readonly line: number;
    }
  /** `if (condition) { ... }`: only as a resource or module body (also inside a loop). */
  | { readonly kind: 'if'; readonly condition: Expr; readonly body: Expr; readonly line: number }
  | {
      readonly kind: 'call';
      readonly namespace?: string;
      readonly name: string;
      readonly args: readonly Expr[];
      readonly line: number;
    }
  | {
      readonly kind: 'member';
      readonly target: Expr;
      readonly name: string;
      readonly safe: boolean;
      readonly line: number;
    }
  | {
      readonly kind: 'index';
      readonly target: Expr;
      readonly index: Expr;
      readonly safe: boolean;
      readonly line: number;
    }
  | { readonly kind: 'unary'; readonly op: '!' | '-'; readonly operand: Expr; readonly line: number }
  | {
      readonly kind: 'binary';
      readonly op: BinaryOperator;
      readonly left: Expr;
      readonly right: Expr;
      readonly line: number;
    }
  | {
      readonly kind: 'ternary';
      readonly condition: Expr;
      readonly then: Expr;
      readonly otherwise: Expr;
      readonly line: number;
    }
  | {
      readonly kind: 'lambda';
      readonly params: readonly string[];
      readonly body: Expr;
      readonly line: number;
    };

export interface Decorator {
  readonly name: string;
  readonly args: readonly Expr[];
  readonly line: number;
}

/** What a declared type compiles to in ARM: `string`, `int`, `bool`, `object`, `array`. */
export type ArmType = 'string' | 'int' | 'bool' | 'object' | 'array';

export interface ResourceDecl {
  readonly kind: 'resource';
  readonly name: string;
  /** `Microsoft.X/y@2024-01-01`, or a child's relative `agentPools` (its version optional). */
  readonly type: string;
  readonly existing: boolean;
  readonly body: Expr;
  readonly line: number;
  readonly decorators: readonly Decorator[];
}

export type Declaration =
  | {
      readonly kind: 'param';
      readonly name: string;
      readonly type: ArmType;
      /** A `.bicepparam` assignment (`param x = value`) has no type. */
      readonly typed: boolean;
      readonly value?: Expr;
      readonly decorators: readonly Decorator[];
      readonly line: number;
    }
  | { readonly kind: 'var'; readonly name: string; readonly value: Expr; readonly line: number }
  | ResourceDecl
  | {
      readonly kind: 'module';
      readonly name: string;
      readonly path: string;
      readonly body: Expr;
      readonly line: number;
      readonly decorators: readonly Decorator[];
    }
  | {
      readonly kind: 'output';
      readonly name: string;
      readonly type: ArmType;
      readonly value: Expr;
      readonly line: number;
    }
  | {
      readonly kind: 'func';
      readonly name: string;
      readonly params: readonly string[];
      readonly body: Expr;
      readonly line: number;
    }
  | { readonly kind: 'targetScope'; readonly value: Expr; readonly line: number }
  | { readonly kind: 'using'; readonly path: string; readonly line: number }
  /** `import`, `type`, `metadata`, `extension`/`provider`: read past, they set no value aksward uses. */
  | { readonly kind: 'other'; readonly keyword: string; readonly line: number };
