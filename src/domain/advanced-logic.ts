/** A parsed advanced filter rule: filter references (0-based) combined with not / and / or. */
export type LogicExpression =
  | { op: 'filter'; index: number }
  | { op: 'not'; operand: LogicExpression }
  | { op: 'and' | 'or'; left: LogicExpression; right: LogicExpression };

/** The outcome of parsing an advanced rule: the expression, or why it is malformed. */
export type LogicParse = { ok: true; expression: LogicExpression } | { ok: false; error: string };

type Lexeme = { kind: 'number'; value: number } | { kind: 'and' | 'or' | 'not' | '(' | ')' | 'end' };

class MalformedLogic extends Error {}

const KEYWORDS = new Set(['and', 'or', 'not']);
const MAX_NESTING = 100;

function lex(text: string): Lexeme[] {
  const lexemes: Lexeme[] = [];
  const pattern = /\s*(?:(\d+)|([A-Za-z]+)|([()])|(\S))/gy;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const [, digits, word, paren, other] = match;
    if (digits !== undefined) lexemes.push({ kind: 'number', value: Number(digits) });
    else if (word !== undefined) {
      const keyword = word.toLowerCase();
      if (!KEYWORDS.has(keyword)) throw new MalformedLogic(`unexpected word "${word}"`);
      lexemes.push({ kind: keyword as 'and' | 'or' | 'not' });
    } else if (paren !== undefined) lexemes.push({ kind: paren as '(' | ')' });
    else throw new MalformedLogic(`unexpected character "${other}"`);
  }
  lexemes.push({ kind: 'end' });
  return lexemes;
}

function describe(lexeme: Lexeme): string {
  if (lexeme.kind === 'end') return 'the end';
  return lexeme.kind === 'number' ? `"${lexeme.value}"` : `"${lexeme.kind}"`;
}

/** Recursive descent: or := and ('or' and)*, and := unary ('and' unary)*, unary := 'not' unary | primary. */
class Parser {
  private position = 0;
  private nesting = 0;

  constructor(
    private readonly lexemes: Lexeme[],
    private readonly filterCount: number,
  ) {}

  parse(): LogicExpression {
    const expression = this.disjunction();
    const rest = this.peek();
    if (rest.kind !== 'end') throw new MalformedLogic(`unexpected ${describe(rest)}`);
    return expression;
  }

  private peek(): Lexeme {
    // The position never passes the final 'end' lexeme.
    return this.lexemes[this.position] as Lexeme;
  }

  private next(): Lexeme {
    const lexeme = this.peek();
    if (lexeme.kind !== 'end') this.position += 1;
    return lexeme;
  }

  /** Bounds recursion so that hostile input is reported, not a stack overflow. */
  private nested<T>(parse: () => T): T {
    this.nesting += 1;
    if (this.nesting > MAX_NESTING) throw new MalformedLogic(`nested deeper than ${MAX_NESTING} levels`);
    const result = parse();
    this.nesting -= 1;
    return result;
  }

  private disjunction(): LogicExpression {
    let left = this.conjunction();
    while (this.peek().kind === 'or') {
      this.next();
      left = { op: 'or', left, right: this.conjunction() };
    }
    return left;
  }

  private conjunction(): LogicExpression {
    let left = this.unary();
    while (this.peek().kind === 'and') {
      this.next();
      left = { op: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): LogicExpression {
    if (this.peek().kind !== 'not') return this.primary();
    this.next();
    return { op: 'not', operand: this.nested(() => this.unary()) };
  }

  private primary(): LogicExpression {
    const lexeme = this.next();
    if (lexeme.kind === 'number') return this.filterReference(lexeme.value);
    if (lexeme.kind !== '(')
      throw new MalformedLogic(`expected a filter number or "(" but found ${describe(lexeme)}`);
    const inner = this.nested(() => this.disjunction());
    const closing = this.next();
    if (closing.kind !== ')') throw new MalformedLogic(`expected ")" but found ${describe(closing)}`);
    return inner;
  }

  private filterReference(number: number): LogicExpression {
    if (number < 1 || number > this.filterCount) {
      throw new MalformedLogic(`filter ${number} does not exist (there are ${this.filterCount} filters)`);
    }
    return { op: 'filter', index: number - 1 };
  }
}

/**
 * Parses an advanced filter rule such as `1 and (2 or not 3)` over `filterCount` filters. Keywords
 * are case-insensitive; `not` binds tightest, then `and`, then `or`.
 */
export function parseAdvancedLogic(text: string, filterCount: number): LogicParse {
  try {
    return { ok: true, expression: new Parser(lex(text), filterCount).parse() };
  } catch (error) {
    // Only MalformedLogic is thrown here: lexing and parsing are total over strings.
    return { ok: false, error: `malformed advanced logic: ${(error as MalformedLogic).message}` };
  }
}

/** Evaluates an expression, asking `holds` for each filter it reaches (short-circuiting). */
export function evaluateLogic(expression: LogicExpression, holds: (index: number) => boolean): boolean {
  switch (expression.op) {
    case 'filter':
      return holds(expression.index);
    case 'not':
      return !evaluateLogic(expression.operand, holds);
    case 'and':
      return evaluateLogic(expression.left, holds) && evaluateLogic(expression.right, holds);
    case 'or':
      return evaluateLogic(expression.left, holds) || evaluateLogic(expression.right, holds);
  }
}
