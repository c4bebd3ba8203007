import { DEFINITION_LIMITS } from '../domain/definition-limits.js';
import type { WebhookResponseMapping } from '../domain/flow-records.js';
import type { FlowAction } from '../domain/model.js';
import { builder } from './builder.js';
import type { userError } from './errors.js';
import { LIMITS, text } from './limits.js';

const WEBHOOK_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

type WebhookAction = Extract<FlowAction, { type: 'webhook' }>;

const WebhookResponseMappingRef = builder
  .objectRef<WebhookResponseMapping>('WebhookResponseMapping')
  .implement({
    description:
      'Copies a value of the webhook’s JSON response into a lead field (semantics F12 in docs/semantics.md).',
    fields: (t) => ({
      path: t.exposeString('path', {
        description:
          'A dotted path into the JSON response, e.g. data.owner.email; a whole-number segment indexes an array from 0 (items.0.id).',
      }),
      field: t.exposeString('field', { description: 'The lead field the value is written to.' }),
    }),
  });
export const WebhookRef = builder.objectRef<WebhookAction>('Webhook').implement({
  description: 'Calls a URL (batch and trigger campaigns only).',
  fields: (t) => ({
    url: t.exposeString('url', { description: 'http(s) URL; may hold tokens, resolved per lead.' }),
    method: t.exposeString('method', { description: 'GET, POST, PUT, PATCH or DELETE.' }),
    body: t.string({
      nullable: true,
      description: 'The request body; may hold tokens; null: none.',
      resolve: (action) => action.body,
    }),
    responseMappings: t.field({
      type: [WebhookResponseMappingRef],
      description: `The lead fields set from the JSON response, in order; empty when none (at most ${DEFINITION_LIMITS.responseMappings}).`,
      complexity: 10,
      resolve: (action) => action.responseMappings ?? [],
    }),
  }),
});

const WebhookResponseMappingInput = builder.inputType('WebhookResponseMappingInput', {
  description:
    'Copies a value of the webhook’s JSON response into a lead field (semantics F12 in docs/semantics.md).',
  fields: (t) => ({
    path: t.string({
      description: `A dotted path into the JSON response, e.g. data.owner.email: 1 to ${DEFINITION_LIMITS.responsePathLength} characters, no empty segment; a whole-number segment indexes an array from 0 (items.0.id).`,
    }),
    field: t.string({
      description:
        'A lead field (built-in or defined, not email), as Change Data Value names it; the value must fit its type when the response comes, else it is recorded as a mapping failure.',
      validate: text(LIMITS.name),
    }),
  }),
});

export const WebhookInput = builder.inputType('WebhookInput', {
  description:
    'Call Webhook: calls a URL the operator’s allow-list covers. Not in executable campaigns (WEBHOOK_IN_EXECUTABLE).',
  fields: (t) => ({
    url: t.string({
      description: `Starts with http:// or https:// (or a token); may hold tokens; at most ${LIMITS.shortText} characters.`,
      validate: text(LIMITS.shortText),
    }),
    method: t.string({
      required: false,
      defaultValue: 'POST',
      description: `One of ${WEBHOOK_METHODS.join(', ')}, any case.`,
    }),
    body: t.string({
      required: false,
      description: `The request body, may hold tokens, at most ${LIMITS.longText.toLocaleString('en')} characters; absent: none.`,
      validate: text(LIMITS.longText),
    }),
    responseMappings: t.field({
      type: [WebhookResponseMappingInput],
      required: false,
      description: `Lead fields to set from the JSON response of a 2xx answer, in order; at most ${DEFINITION_LIMITS.responseMappings}. Default: none.`,
    }),
  }),
});

/** A webhook action as stored, once its URL, method and response mappings' shape are checked. */
export function toStoredWebhook(
  input: typeof WebhookInput.$inferInput,
  bad: (message: string) => ReturnType<typeof userError>,
): WebhookAction {
  const url = input.url.trim();
  if (!/^(https?:\/\/|\{\{)/i.test(url)) throw bad('webhook url must start with http:// or https://');
  const method = (input.method ?? 'POST').toUpperCase();
  if (!WEBHOOK_METHODS.includes(method))
    throw bad(`webhook method must be one of ${WEBHOOK_METHODS.join(', ')}`);
  const responseMappings = (input.responseMappings ?? []).map((mapping) => ({
    path: mapping.path.trim(),
    field: mapping.field.trim(),
  }));
  return {
    type: 'webhook',
    url,
    method,
    body: input.body ?? null,
    ...(responseMappings.length > 0 ? { responseMappings } : {}),
  };
}
