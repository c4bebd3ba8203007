import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { TOKEN_TYPES } from '../../domain/model.js';
import { Folder } from './folder.entity.js';
import { Program } from './program.entity.js';
import { id, Workspace } from './workspace.entity.js';

/** A My Token, owned by exactly one folder or one program. `name` is stored as `my.x`. */
export const MyToken = defineEntity({
  name: 'MyToken',
  properties: {
    id: id(),
    workspace: () => p.manyToOne(Workspace).index(),
    folder: () => p.manyToOne(Folder).nullable().deleteRule('cascade'),
    program: () => p.manyToOne(Program).nullable().deleteRule('cascade'),
    name: p.string().length(53),
    type: p.enum([...TOKEN_TYPES]),
    value: p.text(),
  },
  uniques: [
    { name: 'my_token_folder_name_unique', properties: ['folder', 'name'] },
    { name: 'my_token_program_name_unique', properties: ['program', 'name'] },
  ],
  checks: [{ name: 'my_token_one_owner', expression: '(folder_id is null) <> (program_id is null)' }],
});
export type MyToken = InferEntity<typeof MyToken>;
