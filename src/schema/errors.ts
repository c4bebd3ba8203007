import { GraphQLError } from 'graphql';
import type { ProblemCode } from '../domain/errors.js';

/** Every code an expected error carries in `extensions.code`. */
export type ErrorCode = ProblemCode | 'NOT_FOUND' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'BAD_USER_INPUT';

/** An expected error: shown to the client as is, with its code. */
export function userError(code: ErrorCode, message: string): GraphQLError {
  const http = code === 'UNAUTHENTICATED' ? { status: 401 } : undefined;
  return new GraphQLError(message, { extensions: { code, ...(http && { http }) } });
}
