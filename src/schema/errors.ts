import { GraphQLError } from 'graphql';
import type { ProblemCode } from '../domain/errors.js';

/** The contract's ProblemCode enum, as values for the schema. */
export const PROBLEM_CODES = [
  'WAIT_IN_EXECUTABLE',
  'WEBHOOK_IN_EXECUTABLE',
  'TRIGGER_IN_EXECUTABLE',
  'EXECUTE_TARGET_NOT_EXECUTABLE',
  'CROSS_WORKSPACE_EXECUTE',
  'EXECUTION_DEPTH_EXCEEDED',
  'EXECUTION_CYCLE',
  'INVALID_SMART_LIST',
  'CLONE_WITH_TRIGGERS',
  'NOT_SCHEDULABLE',
  'NOT_REQUESTABLE',
  'INVALID_TOKEN',
] as const satisfies readonly ProblemCode[];

/** Every code an expected error carries in `extensions.code`. */
export type ErrorCode = ProblemCode | 'NOT_FOUND' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'BAD_USER_INPUT';

/** An expected error: shown to the client as is, with its code. */
export function userError(code: ErrorCode, message: string): GraphQLError {
  const http = code === 'UNAUTHENTICATED' ? { status: 401 } : undefined;
  return new GraphQLError(message, { extensions: { code, ...(http && { http }) } });
}
