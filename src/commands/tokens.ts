import { LockMode } from '@mikro-orm/core';
import { Folder } from '../db/entities/folder.entity.js';
import { MyToken } from '../db/entities/my-token.entity.js';
import { Program } from '../db/entities/program.entity.js';
import type { CommandContext } from './context.js';

/** Whose My Tokens: a folder's or a program's. */
export type TokenOwnerEntity = { folder: Folder; program: null } | { folder: null; program: Program };

/**
 * Replaces the owner's My Tokens, all or nothing; `tokens` are checked already. Concurrent
 * replacements of one owner's tokens take turns instead of interleaving.
 */
export async function replaceTokens(
  ctx: CommandContext,
  owner: TokenOwnerEntity,
  tokens: readonly Pick<MyToken, 'name' | 'type' | 'value'>[],
): Promise<MyToken[]> {
  const workspace = (owner.folder ?? owner.program).workspace;
  return ctx.em.transactional(async (em) => {
    const locked = { lockMode: LockMode.PESSIMISTIC_WRITE } as const;
    await (owner.folder
      ? em.findOneOrFail(Folder, { id: owner.folder.id }, locked)
      : em.findOneOrFail(Program, { id: owner.program.id }, locked));
    await em.nativeDelete(
      MyToken,
      owner.folder ? { folder: owner.folder.id } : { program: owner.program.id },
    );
    const created = tokens.map((token) => em.create(MyToken, { workspace, ...owner, ...token }));
    await em.flush();
    return created;
  });
}
