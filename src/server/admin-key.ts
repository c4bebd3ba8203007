import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import { newSecret } from '../db/api-keys.js';

/** The admin key in force and where it came from. */
export interface AdminKey {
  key: string;
  /** Set when the key was generated or read from the data folder rather than from ADMIN_API_KEY. */
  file?: string;
}

/** ADMIN_API_KEY when set; otherwise the key kept in `<dataDir>/admin-api-key`, generated on first use. */
export async function resolveAdminKey(config: Config): Promise<AdminKey> {
  if (config.adminApiKey) return { key: config.adminApiKey };
  const file = path.join(config.dataDir, 'admin-api-key');
  const stored = (await readFile(file, 'utf8').catch(() => '')).trim();
  if (stored) return { key: stored, file };
  const key = newSecret();
  await mkdir(config.dataDir, { recursive: true });
  await writeFile(file, `${key}\n`, { mode: 0o600 });
  return { key, file };
}
