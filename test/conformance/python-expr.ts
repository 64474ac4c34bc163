// Evaluates the small subset of Python that feedparser's test files write their expectations in:
//   not bozo and entries[0]['title'] == u'Example' and len(feed['links']) == 1
// Supported: and/or/not, comparisons (== != < <= > >= in, not in, is, is not), indexing, attribute
// access, calls of len/ord and the dict methods get/has_key/keys, and literals (str with u/b/r prefixes
// and \x \u \U escapes, int, float, tuple, list, dict, None/True/False). Names and attributes are
// resolved by the caller's Scope, so the harness decides what `feed.title` means for our model.

/** Raised while evaluating when an expectation asks about something deliberately not modeled. */
export class SkipExpectation extends Error {
  readonly reason: string;
  constructor(reason: string) {
    super(`skipped: ${reason}`);
    this.name = 'SkipExpectation';
    this.reason = reason;
  }
}

/** An expression the evaluator cannot read: a defect in the harness, reported as such. */
export class PythonSyntaxError extends Error {
  constructor(message: string, source: string) {
    super(`${message} in expectation: ${source}`);
    this.name = 'PythonSyntaxError';
  }
}

/** A Python tuple, kept apart from lists only so values print back as Python would. */
export class Tuple extends Array<unknown> {}

export interface Scope {
  /** A bare name (`bozo`, `entries`, `len` ...); throws to fail, or SkipExpectation to skip. */
  name(name: string): unknown;
  /** `obj[key]` and `obj.key` (feedparser dicts allow both). */
  item(obj: unknown, key: unknown): unknown;
  /** `==` between two values, so HTML can be compared after normalizing. */
  equals(a: unknown, b: unknown): boolean;
  /** The `str` of a value, for len(), ord() and `in`. */
  text(value: unknown): string | undefined;
}

type Node =
  | { kind: 'literal'; value: unknown }
  | { kind: 'name'; name: string }
  | { kind: 'tuple' | 'list'; items: Node[] }
  | { kind: 'dict'; entries: [Node, Node][] }
  | { kind: 'item'; target: Node; key: Node }
  | { kind: 'attribute'; target: Node; name: string }
  | { kind: 'call'; callee: Node; args: Node[] }
  | { kind: 'not'; operand: Node }
  | { kind: 'negate'; operand: Node }
  | { kind: 'and' | 'or' | 'add'; left: Node; right: Node }
  | { kind: 'compare'; first: Node; rest: [string, Node][] };

type Token = { type: 'name' | 'number' | 'string' | 'op' | 'end'; value: string };

const OPERATORS = ['==', '!=', '<=', '>=', '<', '>', '(', ')', '[', ']', '{', '}', ',', ':', '.', '-', '+'];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      i++;
      continue;
    }
    const stringStart = /^([uUbBrR]{0,2})(['"])/.exec(source.slice(i, i + 3));
    if (stringStart && (stringStart[1] === '' || /[A-Za-z]/.test(c))) {
      const raw = /r/i.test(stringStart[1]);
      const single = stringStart[2];
      const triple = source.startsWith(single.repeat(3), i + stringStart[1].length);
      const quote = triple ? single.repeat(3) : single;
      let j = i + stringStart[1].length + quote.length;
      let value = '';
      while (j < source.length && !source.startsWith(quote, j)) {
        if (source[j] === '\\' && !raw) {
          const [text, next] = escape(source, j);
          value += text;
          j = next;
        } else if (source[j] === '\\' && raw) {
          value += source.slice(j, j + 2);
          j += 2;
        } else value += source[j++];
      }
      if (j >= source.length) throw new PythonSyntaxError('unterminated string', source);
      tokens.push({ type: 'string', value });
      i = j + quote.length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < source.length && /\w/.test(source[j])) j++;
      tokens.push({ type: 'name', value: source.slice(i, j) });
      i = j;
      continue;
    }
    if (/[0-9]/.test(c)) {
      const m = /^\d+(\.\d*)?([eE][+-]?\d+)?[lL]?/.exec(source.slice(i))!;
      tokens.push({ type: 'number', value: m[0].replace(/[lL]$/, '') });
      i += m[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (!op) throw new PythonSyntaxError(`unexpected character ${JSON.stringify(c)}`, source);
    tokens.push({ type: 'op', value: op });
    i += op.length;
  }
  tokens.push({ type: 'end', value: '' });
  return tokens;
}

/** One backslash escape at `at`; returns the text and the index after it. */
function escape(source: string, at: number): [string, number] {
  const c = source[at + 1];
  const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '\n': '' };
  if (c in simple) return [simple[c], at + 2];
  const width = c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
  if (width) return [String.fromCodePoint(parseInt(source.slice(at + 2, at + 2 + width), 16)), at + 2 + width];
  const octal = /^[0-7]{1,3}/.exec(source.slice(at + 1));
  if (octal) return [String.fromCharCode(parseInt(octal[0], 8)), at + 1 + octal[0].length];
  return ['\\' + c, at + 2];
}

class ExpressionParser {
  private readonly tokens: Token[];
  private readonly source: string;
  private at = 0;

  constructor(source: string) {
    this.source = source;
    this.tokens = tokenize(source);
  }

  parse(): Node {
    const node = this.or();
    if (this.peek().type !== 'end') this.fail(`unexpected ${this.peek().value}`);
    return node;
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.at + offset, this.tokens.length - 1)];
  }

  private next(): Token {
    return this.tokens[this.at++];
  }

  private isOp(value: string): boolean {
    const t = this.peek();
    return t.type === 'op' && t.value === value;
  }

  private isWord(value: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.type === 'name' && t.value === value;
  }

  private expect(value: string): void {
    if (!this.isOp(value)) this.fail(`expected ${value}`);
    this.at++;
  }

  private fail(message: string): never {
    throw new PythonSyntaxError(message, this.source);
  }

  private or(): Node {
    let left = this.and();
    while (this.isWord('or')) {
      this.at++;
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Node {
    let left = this.not();
    while (this.isWord('and')) {
      this.at++;
      left = { kind: 'and', left, right: this.not() };
    }
    return left;
  }

  private not(): Node {
    if (this.isWord('not')) {
      this.at++;
      return { kind: 'not', operand: this.not() };
    }
    return this.comparison();
  }

  private comparison(): Node {
    const first = this.sum();
    const rest: [string, Node][] = [];
    for (;;) {
      const t = this.peek();
      let op: string | undefined;
      if (t.type === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(t.value)) op = t.value;
      else if (this.isWord('in')) op = 'in';
      else if (this.isWord('not') && this.isWord('in', 1)) op = 'not in';
      else if (this.isWord('is')) op = this.isWord('not', 1) ? 'is not' : 'is';
      if (!op) break;
      this.at += op.includes(' ') ? 2 : 1;
      rest.push([op, this.sum()]);
    }
    return rest.length ? { kind: 'compare', first, rest } : first;
  }

  private sum(): Node {
    let left = this.unary();
    while (this.isOp('+')) {
      this.at++;
      left = { kind: 'add', left, right: this.unary() };
    }
    return left;
  }

  private unary(): Node {
    if (this.isOp('-')) {
      this.at++;
      return { kind: 'negate', operand: this.unary() };
    }
    return this.postfix();
  }

  private postfix(): Node {
    let node = this.atom();
    for (;;) {
      if (this.isOp('[')) {
        this.at++;
        const key = this.or();
        this.expect(']');
        node = { kind: 'item', target: node, key };
      } else if (this.isOp('.')) {
        this.at++;
        const name = this.next();
        if (name.type !== 'name') this.fail('expected a name after "."');
        node = { kind: 'attribute', target: node, name: name.value };
      } else if (this.isOp('(')) {
        this.at++;
        const args = this.sequence(')');
        node = { kind: 'call', callee: node, args };
      } else return node;
    }
  }

  /** Comma-separated expressions up to `close`, which is consumed. */
  private sequence(close: string): Node[] {
    const items: Node[] = [];
    while (!this.isOp(close)) {
      items.push(this.or());
      if (!this.isOp(close)) this.expect(',');
    }
    this.at++;
    return items;
  }

  private atom(): Node {
    const t = this.next();
    switch (t.type) {
      case 'number':
        return { kind: 'literal', value: Number(t.value) };
      case 'string': {
        let value = t.value;
        while (this.peek().type === 'string') value += this.next().value; // 'a' 'b' concatenates
        return { kind: 'literal', value };
      }
      case 'name':
        if (t.value === 'None') return { kind: 'literal', value: null };
        if (t.value === 'True') return { kind: 'literal', value: true };
        if (t.value === 'False') return { kind: 'literal', value: false };
        return { kind: 'name', name: t.value };
      case 'op':
        if (t.value === '(') {
          const start = this.at;
          if (this.isOp(')')) {
            this.at++;
            return { kind: 'tuple', items: [] };
          }
          const first = this.or();
          if (this.isOp(')')) {
            this.at++;
            return first; // parenthesized expression
          }
          this.at = start;
          return { kind: 'tuple', items: this.sequence(')') };
        }
        if (t.value === '[') return { kind: 'list', items: this.sequence(']') };
        if (t.value === '{') {
          const entries: [Node, Node][] = [];
          while (!this.isOp('}')) {
            const key = this.or();
            this.expect(':');
            entries.push([key, this.or()]);
            if (!this.isOp('}')) this.expect(',');
          }
          this.at++;
          return { kind: 'dict', entries };
        }
    }
    return this.fail(`unexpected ${t.value || 'end'}`);
  }
}

export function parsePython(source: string): Node {
  return new ExpressionParser(source).parse();
}

/** Python truthiness. */
export function truthy(value: unknown, scope: Scope): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') {
    const text = scope.text(value);
    if (text !== undefined) return text !== '';
    return Object.keys(value).length > 0;
  }
  return true;
}

export function evaluate(node: Node, scope: Scope): unknown {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'name':
      return scope.name(node.name);
    case 'tuple':
      return Tuple.from(node.items.map((n) => evaluate(n, scope)));
    case 'list':
      return node.items.map((n) => evaluate(n, scope));
    case 'dict': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of node.entries) out[String(evaluate(k, scope))] = evaluate(v, scope);
      return out;
    }
    case 'item':
      return scope.item(evaluate(node.target, scope), evaluate(node.key, scope));
    case 'attribute': {
      const target = evaluate(node.target, scope);
      return scope.item(target, node.name);
    }
    case 'call':
      return call(node, scope);
    case 'not':
      return !truthy(evaluate(node.operand, scope), scope);
    case 'negate':
      return -(evaluate(node.operand, scope) as number);
    case 'and': {
      const left = evaluate(node.left, scope);
      return truthy(left, scope) ? evaluate(node.right, scope) : left;
    }
    case 'add': {
      const left = evaluate(node.left, scope);
      const right = evaluate(node.right, scope);
      if (typeof left === 'number' && typeof right === 'number') return left + right;
      return String(scope.text(left) ?? left) + String(scope.text(right) ?? right);
    }
    case 'or': {
      const left = evaluate(node.left, scope);
      return truthy(left, scope) ? left : evaluate(node.right, scope);
    }
    case 'compare': {
      let left = evaluate(node.first, scope);
      for (const [op, rightNode] of node.rest) {
        const right = evaluate(rightNode, scope);
        if (!compare(op, left, right, scope)) return false;
        left = right;
      }
      return true;
    }
  }
}

function compare(op: string, a: unknown, b: unknown, scope: Scope): boolean {
  switch (op) {
    case '==':
      return scope.equals(a, b);
    case '!=':
      return !scope.equals(a, b);
    case 'is':
      return a === b || (a === undefined && b === null);
    case 'is not':
      return !(a === b || (a === undefined && b === null));
    case 'in':
      return contains(b, a, scope);
    case 'not in':
      return !contains(b, a, scope);
  }
  const x = a as number;
  const y = b as number;
  if (op === '<') return x < y;
  if (op === '<=') return x <= y;
  if (op === '>') return x > y;
  return x >= y;
}

function contains(container: unknown, value: unknown, scope: Scope): boolean {
  if (Array.isArray(container)) return container.some((v) => scope.equals(v, value));
  const text = scope.text(container);
  if (text !== undefined) return text.includes(String(scope.text(value) ?? value));
  if (container && typeof container === 'object') return Object.hasOwn(container, String(value));
  return false;
}

function call(node: Extract<Node, { kind: 'call' }>, scope: Scope): unknown {
  const args = () => node.args.map((a) => evaluate(a, scope));
  if (node.callee.kind === 'name') {
    const name = node.callee.name;
    if (name === 'len') {
      const [value] = args();
      if (Array.isArray(value)) return value.length;
      const text = scope.text(value);
      if (text !== undefined) return [...text].length;
      if (value && typeof value === 'object') return Object.keys(value).length;
      throw new TypeError(`len() of ${typeof value}`);
    }
    if (name === 'ord') {
      const text = scope.text(args()[0]);
      if (text === undefined || [...text].length !== 1) throw new TypeError('ord() expected one character');
      return text.codePointAt(0);
    }
    return scope.name(`${name}()`); // the scope decides: usually a skip
  }
  if (node.callee.kind === 'attribute') {
    const method = node.callee.name;
    const target = evaluate(node.callee.target, scope);
    if (method === 'get') {
      const [key, fallback] = args();
      try {
        return scope.item(target, key);
      } catch (error) {
        if (error instanceof SkipExpectation) throw error;
        return fallback ?? null;
      }
    }
    if (method === 'has_key') {
      const [key] = args();
      return contains(target, key, scope);
    }
    if (method === 'keys' && target && typeof target === 'object') return Object.keys(target);
    throw new SkipExpectation(`Python method ${method}() is outside the expression subset`);
  }
  throw new PythonSyntaxError('call of an expression', JSON.stringify(node));
}

/** A value written back as Python would print it, for failure reports. */
export function pythonRepr(value: unknown, scope: Scope): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  if (value instanceof Tuple) return `(${value.map((v) => pythonRepr(v, scope)).join(', ')}${value.length === 1 ? ',' : ''})`;
  if (Array.isArray(value)) return `[${value.map((v) => pythonRepr(v, scope)).join(', ')}]`;
  const text = scope.text(value);
  if (text !== undefined) return pythonRepr(text, scope);
  if (typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `'${k}': ${pythonRepr(v, scope)}`)
      .join(', ')}}`;
  }
  return String(value);
}
