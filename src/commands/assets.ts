import { hashSecret, newSecret, openSealedSecret, sealSecret } from '../db/api-keys.js';
import { ApiKey } from '../db/entities/api-key.entity.js';
import { Folder } from '../db/entities/folder.entity.js';
import { Program } from '../db/entities/program.entity.js';
import { StaticList } from '../db/entities/static-list.entity.js';
import { Workspace } from '../db/entities/workspace.entity.js';
import { DomainError } from '../domain/errors.js';
import type { CommandContext } from './context.js';
import type { IdempotentEffect, IdempotentRequest } from './idempotency.js';

/** A workspace, with nothing in it yet. */
export async function createWorkspace(ctx: Pick<CommandContext, 'em'>, name: string): Promise<Workspace> {
  const workspace = ctx.em.create(Workspace, { name });
  await ctx.em.flush();
  return workspace;
}

/** A key that sees only its workspace; its secret is returned once and only its hash is kept. */
export async function createApiKey(
  ctx: Pick<CommandContext, 'em'>,
  workspace: Workspace,
  name: string,
): Promise<{ apiKey: ApiKey; secret: string }> {
  const secret = newSecret();
  const apiKey = ctx.em.create(ApiKey, { workspace, name, secretHash: hashSecret(secret) });
  await ctx.em.flush();
  return { apiKey, secret };
}

/** A new key's id and its secret, shown once. */
export interface CreatedApiKey {
  apiKeyId: string;
  secret: string;
}

/**
 * `createApiKey` for `idempotently` (semantics R7): the retries of its idempotency key get the same
 * secret. It is kept for the key's 24 hours sealed under the caller's own key (`credential`, which
 * the database does not hold) and the idempotency key, so only a caller holding both can open it.
 */
export function apiKeyCreation(
  workspace: Workspace,
  name: string,
  credential: string,
): IdempotentEffect<CreatedApiKey> {
  const sealingMaterial = ({ owner, key }: IdempotentRequest) => ({
    credential,
    context: `${owner}\n${key}`,
  });
  return {
    run: async (ctx) => {
      const { apiKey, secret } = await createApiKey(ctx, workspace, name);
      return { apiKeyId: apiKey.id, secret };
    },
    keep: ({ apiKeyId, secret }, request) => ({
      apiKeyId,
      sealedSecret: sealSecret(secret, sealingMaterial(request)),
    }),
    replay: async (kept, request, ctx) => {
      const { apiKeyId, sealedSecret } = kept as { apiKeyId: string; sealedSecret: string };
      const made = await ctx.em.findOne(ApiKey, { id: apiKeyId });
      if (!made || made.revokedAt) {
        throw new DomainError('BAD_USER_INPUT', 'The key made for this idempotency key was revoked');
      }
      const secret = openSealedSecret(sealedSecret, sealingMaterial(request));
      if (secret === null) {
        throw new DomainError(
          'BAD_USER_INPUT',
          'The secret of the key made for this idempotency key was sealed under another admin key: it cannot be shown again',
        );
      }
      return { apiKeyId, secret };
    },
  };
}

/** A folder of the workspace, at its top or in `parent` (a folder of the same workspace). */
export async function createFolder(
  ctx: Pick<CommandContext, 'em'>,
  workspace: Workspace,
  folder: { name: string; parent: Folder | null },
): Promise<Folder> {
  const created = ctx.em.create(Folder, { workspace, ...folder });
  await ctx.em.flush();
  return created;
}

/** A program of the workspace with its member statuses, at its top or in a folder of it. */
export async function createProgram(
  ctx: Pick<CommandContext, 'em'>,
  workspace: Workspace,
  program: { name: string; folder: Folder | null; statuses: string[] },
): Promise<Program> {
  const created = ctx.em.create(Program, { workspace, ...program });
  await ctx.em.flush();
  return created;
}

/** An empty static list of the workspace. */
export async function createStaticList(
  ctx: Pick<CommandContext, 'em'>,
  workspace: Workspace,
  name: string,
): Promise<StaticList> {
  const list = ctx.em.create(StaticList, { workspace, name });
  await ctx.em.flush();
  return list;
}
