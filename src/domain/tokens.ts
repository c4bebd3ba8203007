import { DomainError, type Problem } from './errors.js';
import { type FieldIndex, formatValue, type LeadState, readField } from './lead-state.js';
import type { Campaign, Folder, MyTokens, Program, TokenType } from './model.js';
import { ownValue } from './own.js';
import { parseTokenValue } from './values.js';

/** The token kinds of semantics T1. */
export type TokenKind = 'my' | 'lead' | 'campaign' | 'program' | 'member' | 'trigger' | 'system';

/** A parsed `{{kind.Name:default=x}}`: `key` is the name lower-cased with whitespace collapsed. */
export interface TokenReference {
  readonly kind: TokenKind;
  readonly key: string;
  readonly fallback: string | null;
}

/** A text split into literal parts and token references, parsed once and rendered many times. */
export type Template = readonly (string | TokenReference)[];

/** My Tokens by key (lower-case name without `my.`). */
export type MyTokenLayer = ReadonlyMap<string, string>;

/**
 * What a campaign's steps resolve tokens in (semantics T3): My Token layers (the first that defines a token
 * wins), the campaign and program whose tokens apply, and the trigger of a triggered run.
 */
export interface TokenContext {
  readonly myTokens: readonly MyTokenLayer[];
  readonly campaign: Campaign;
  readonly program: Program | undefined;
  readonly trigger: MyTokenLayer | null;
}

/** Everything a rendering reads: the context, the lead as it is now, field types and the run clock. */
export interface TokenScope {
  readonly context: TokenContext;
  readonly lead: LeadState;
  readonly fields: FieldIndex;
  readonly now: Date;
}

/** The outcome of `normalizeTokenName`. */
export type TokenNameResult = { ok: true; name: string } | { ok: false; problem: Problem };

/** A My Token as a mutation gives it; TEXT when no type is given. */
export interface TokenInput {
  readonly name: string;
  readonly value: string;
  readonly type?: TokenType | null;
}

/** A My Token that `checkTokens` accepted: its name normalized to `my.x`, its value as given. */
export interface CheckedToken {
  name: string;
  type: TokenType;
  value: string;
}

/** The outcome of `checkTokens`. */
export type CheckedTokensResult = { ok: true; tokens: CheckedToken[] } | { ok: false; problem: Problem };

/** Where a My Token is defined (semantics T2). */
export interface TokenOwner {
  readonly kind: 'folder' | 'program';
  readonly id: string;
}

/** A My Token in effect for a program, and the owner whose definition is the one in effect. */
export interface EffectiveToken<T> {
  /** The name as lookups match it (lower case, runs of spaces collapsed, without `my.`). */
  readonly key: string;
  readonly token: T;
  readonly definedBy: TokenOwner;
}

/** The longest My Token name, not counting `my.` (semantics T2). */
export const MAX_TOKEN_NAME_LENGTH = 50;

/** The longest My Token value, in characters. */
const MAX_TOKEN_VALUE_LENGTH = 10_000;

const REFERENCE =
  /^\s*(my|lead|campaign|program|member|trigger|system)\s*\.\s*([^:{}]*?)\s*(?::\s*default\s*=([\s\S]*))?$/i;
const SETTABLE_NAME = /^\s*my\s*\.\s*([\s\S]*)$/i;
const EMPTY_LAYER: MyTokenLayer = new Map();

function tokenKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

function parseReference(inner: string): TokenReference | null {
  const match = REFERENCE.exec(inner);
  const name = match?.[2];
  if (!match || !name) return null;
  const fallback = match[3];
  return {
    kind: (match[1] as string).toLowerCase() as TokenKind,
    key: tokenKey(name),
    fallback: fallback === undefined ? null : fallback.trim(),
  };
}

/**
 * Parses `{{kind.Name}}` and `{{kind.Name:default=x}}` references out of a text. Whitespace inside
 * the braces is tolerated; an unterminated or unrecognised `{{` stays literal text.
 */
export function parseTemplate(text: string): Template {
  const parts: (string | TokenReference)[] = [];
  let literal = '';
  let cursor = 0;
  for (let open = text.indexOf('{{'); open !== -1; open = text.indexOf('{{', cursor)) {
    const close = text.indexOf('}}', open + 2);
    const inner = close === -1 ? '' : text.slice(open + 2, close);
    const reference = inner.includes('{{') ? null : parseReference(inner);
    if (!reference) {
      literal += text.slice(cursor, open + 2);
      cursor = open + 2;
      continue;
    }
    literal += text.slice(cursor, open);
    if (literal) parts.push(literal);
    parts.push(reference);
    literal = '';
    cursor = close + 2;
  }
  literal += text.slice(cursor);
  if (literal || parts.length === 0) parts.push(literal);
  return parts;
}

/** True when a template holds no token, so that it can be interpreted once, ahead of any lead. */
export function isLiteral(template: Template): template is readonly [string] {
  return template.length === 1 && typeof template[0] === 'string';
}

/**
 * Normalizes a settable token name: `my.x` or `{{my.x}}` ⇒ `my.x` (the name keeps its case).
 * Anything else, an empty name, one longer than 50 characters or one holding braces, colons or
 * control characters is an INVALID_TOKEN problem (semantics T7).
 */
export function normalizeTokenName(input: string): TokenNameResult {
  const trimmed = input.trim();
  const bare = trimmed.startsWith('{{') && trimmed.endsWith('}}') ? trimmed.slice(2, -2) : trimmed;
  const name = SETTABLE_NAME.exec(bare)?.[1]?.trim();
  if (name === undefined) return invalidToken(`"${input}" is not a My Token name (my.x or {{my.x}})`);
  if (!name) return invalidToken(`"${input}" has an empty name`);
  if (name.length > MAX_TOKEN_NAME_LENGTH) {
    return invalidToken(`"${input}" is longer than ${MAX_TOKEN_NAME_LENGTH} characters`);
  }
  if (/[{}:]/.test(name)) return invalidToken(`"${input}" may not contain braces or colons`);
  if (/\p{Cc}/u.test(name)) return invalidToken(`"${input}" may not contain control characters`);
  return { ok: true, name: `my.${name}` };
}

function invalidToken(message: string): { ok: false; problem: Problem } {
  return { ok: false, problem: { code: 'INVALID_TOKEN', message } };
}

/**
 * The key of a My Token name as `normalizeTokenName` makes it (`my.x`): names with one key are one
 * token (semantics T1), to lookups and to the token's identity (semantics I1).
 */
export function normalizedTokenKey(name: string): string {
  return tokenKey(name.slice(3));
}

/** The key a My Token name is looked up by; undefined for a name `normalizeTokenName` refuses. */
function myTokenKey(name: string): string | undefined {
  const normalized = normalizeTokenName(name);
  return normalized.ok ? normalizedTokenKey(normalized.name) : undefined;
}

/**
 * Checks My Tokens given to a mutation (semantics T2, T7): names `my.x` or `{{my.x}}`, each given once (case
 * and runs of spaces do not make two names different), values of at most 10,000 characters that
 * fit their type (`parseTokenValue`: a SCORE value is one Change Score applies). Anything else is
 * an INVALID_TOKEN problem.
 */
export function checkTokens(tokens: readonly TokenInput[]): CheckedTokensResult {
  const seen = new Set<string>();
  const checked: CheckedToken[] = [];
  for (const token of tokens) {
    const normalized = normalizeTokenName(token.name);
    if (!normalized.ok) return normalized;
    const { name } = normalized;
    const key = normalizedTokenKey(name);
    if (seen.has(key)) return invalidToken(`${name} is given twice`);
    seen.add(key);
    const type = token.type ?? 'TEXT';
    if (token.value.length > MAX_TOKEN_VALUE_LENGTH) {
      return invalidToken(`${name}: the value is longer than ${MAX_TOKEN_VALUE_LENGTH} characters`);
    }
    if (parseTokenValue(type, token.value) === undefined) {
      return invalidToken(`${name}: "${token.value}" is not a ${type} value`);
    }
    checked.push({ name, type, value: token.value });
  }
  return { ok: true, tokens: checked };
}

/** At most this many My Tokens per mutation. */
export const MAX_TOKENS_PER_CALL = 100;

/**
 * The My Tokens a mutation gives, checked: more than `MAX_TOKENS_PER_CALL` are refused
 * (BAD_USER_INPUT), and so is any token `checkTokens` refuses (INVALID_TOKEN).
 */
export function requireTokens(tokens: readonly TokenInput[]): CheckedToken[] {
  if (tokens.length > MAX_TOKENS_PER_CALL) {
    throw new DomainError('BAD_USER_INPUT', `At most ${MAX_TOKENS_PER_CALL} tokens per call`);
  }
  const checked = checkTokens(tokens);
  if (!checked.ok) throw new DomainError(checked.problem.code, checked.problem.message);
  return checked.tokens;
}

const layers = new WeakMap<object, MyTokenLayer>();

/**
 * My Tokens keyed for lookup. Names that `normalizeTokenName` refuses are ignored. Cached per object,
 * since the same token set (a run's) serves many leads.
 */
export function myTokenLayer(tokens: MyTokens): MyTokenLayer {
  let layer = layers.get(tokens);
  if (!layer) {
    const entries = new Map<string, string>();
    for (const [name, value] of Object.entries(tokens)) {
      const key = myTokenKey(name);
      if (key !== undefined) entries.set(key, value);
    }
    layer = entries;
    layers.set(tokens, layer);
  }
  return layer;
}

/** Trigger tokens keyed for lookup (names are case-insensitive). */
export function triggerLayer(trigger: Readonly<Record<string, string>>): MyTokenLayer {
  return new Map(Object.entries(trigger).map(([name, value]) => [tokenKey(name), value]));
}

/**
 * The My Tokens in effect for a program (semantics T2), each with the owner that defines it: the program's
 * own definition wins, then the nearest folder's up the chain. A folder chain that loops is cut
 * where it repeats; names `normalizeTokenName` refuses are ignored.
 */
export function effectiveTokens<T extends { readonly name: string }>(
  program: Pick<Program, 'id' | 'folderId'>,
  folderOf: (folderId: string) => Pick<Folder, 'parentId'> | undefined,
  tokensOf: (owner: TokenOwner) => readonly T[],
): EffectiveToken<T>[] {
  const owners: TokenOwner[] = [{ kind: 'program', id: program.id }];
  const seen = new Set<string>();
  for (let id = program.folderId; id && !seen.has(id); ) {
    const folder = folderOf(id);
    if (!folder) break;
    seen.add(id);
    owners.push({ kind: 'folder', id });
    id = folder.parentId;
  }
  const effective = new Map<string, EffectiveToken<T>>();
  for (const owner of owners) {
    for (const token of tokensOf(owner)) {
      const key = myTokenKey(token.name);
      if (key !== undefined && !effective.has(key)) effective.set(key, { key, token, definedBy: owner });
    }
  }
  return [...effective.values()];
}

/** A program's effective My Tokens keyed for lookup (see `effectiveTokens`). */
export function programTokenLayer(
  program: Program | undefined,
  folders: Readonly<Record<string, Folder>>,
): MyTokenLayer {
  if (!program) return EMPTY_LAYER;
  const tokensOf = (owner: TokenOwner) =>
    Object.entries(
      owner.kind === 'program' ? program.tokens : (ownValue(folders, owner.id)?.tokens ?? {}),
    ).map(([name, value]) => ({ name, value }));
  const effective = effectiveTokens(program, (id) => ownValue(folders, id), tokensOf);
  return new Map(effective.map(({ key, token }) => [key, token.value]));
}

/**
 * A campaign's own context (semantics T5): its program's and folders' My Tokens, no run or trigger values.
 */
export function ownContext(
  campaign: Campaign,
  program: Program | undefined,
  own: MyTokenLayer,
): TokenContext {
  return { myTokens: [own], campaign, program, trigger: null };
}

/**
 * The top campaign's context: the run's API-passed tokens first (semantics T7), trigger tokens when
 * triggered.
 */
export function topContext(
  own: TokenContext,
  runTokens: MyTokenLayer,
  trigger: MyTokenLayer | null,
): TokenContext {
  const myTokens = runTokens.size > 0 ? [runTokens, ...own.myTokens] : own.myTokens;
  return { ...own, myTokens, trigger };
}

/**
 * A child's context with Use Parent Campaign Token Context TRUE (semantics T4): the parent's context, with
 * the child's own My Tokens as a per-token fallback.
 */
export function inheritedContext(parent: TokenContext, childOwn: MyTokenLayer): TokenContext {
  return { ...parent, myTokens: [...parent.myTokens, childOwn] };
}

function resolveMyToken(context: TokenContext, key: string): string | undefined {
  for (const layer of context.myTokens) {
    const value = layer.get(key);
    if (value !== undefined) return value;
  }
  return undefined;
}

function resolveLeadToken(scope: TokenScope, key: string): string | undefined {
  if (key === 'id') return scope.lead.id;
  const field = scope.fields.get(key);
  return field && formatValue(readField(scope.lead, field));
}

function resolveSystemToken(now: Date, key: string): string | undefined {
  const iso = now.toISOString();
  if (key === 'date') return iso.slice(0, 10);
  if (key === 'time') return iso.slice(11, 19);
  return key === 'datetime' ? iso : undefined;
}

function describeOwner(owner: Campaign | Program | undefined, key: string): string | undefined {
  if (!owner) return undefined;
  if (key === 'name') return owner.name;
  if (key === 'id') return owner.id;
  return key === 'description' ? (owner.description ?? undefined) : undefined;
}

function resolveReference(reference: TokenReference, scope: TokenScope): string | undefined {
  const { context } = scope;
  switch (reference.kind) {
    case 'my':
      return resolveMyToken(context, reference.key);
    case 'lead':
      return resolveLeadToken(scope, reference.key);
    case 'campaign':
      return describeOwner(context.campaign, reference.key);
    case 'program':
      return describeOwner(context.program, reference.key);
    case 'member':
      return reference.key === 'status' && context.program
        ? ownValue(scope.lead.memberships, context.program.id)
        : undefined;
    case 'trigger':
      return context.trigger?.get(reference.key);
    case 'system':
      return resolveSystemToken(scope.now, reference.key);
  }
}

/** Renders a template; a token that resolves to nothing renders its default, or empty (semantics T1). */
export function renderTemplate(template: Template, scope: TokenScope): string {
  let text = '';
  for (const part of template) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    const value = resolveReference(part, scope);
    text += value ? value : (part.fallback ?? '');
  }
  return text;
}
