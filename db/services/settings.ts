import os from 'node:os';
import { type z } from 'zod';
import type { Db } from '../sqlite.ts';
import { sql } from '../statements.ts';
import type { Ctx } from '../contract.ts';
import type { Actor } from '../audit.ts';

import { fileNumberPrefixSchema, profileSchema } from '../shared/inputs/settings.ts';

export { fileNumberPrefixSchema, profileSchema };
export type { Profile } from '../shared/inputs/settings.ts';

/** Every setting, its schema and its default. */
const definitions = {
  profile: profileSchema.nullable(),
  fileNumberPrefix: fileNumberPrefixSchema,
} as const;

export type SettingKey = keyof typeof definitions;
export type Settings = { [K in SettingKey]: z.output<(typeof definitions)[K]> };

const defaults: Settings = { profile: null, fileNumberPrefix: 'EXP' };

export function readSettings(db: Db): Settings {
  const rows = sql(db, 'SELECT id, value FROM settings').all() as { id: string; value: string }[];
  const out: Settings = { ...defaults };
  for (const row of rows) {
    if (!Object.hasOwn(definitions, row.id)) continue;
    const key = row.id as SettingKey;
    const parsed = definitions[key].safeParse(JSON.parse(row.value));
    if (parsed.success) (out as Record<SettingKey, unknown>)[key] = parsed.data;
  }
  return out;
}

export function writeSetting<K extends SettingKey>(ctx: Ctx, key: K, value: Settings[K]): void {
  ctx.audit.track('setting', key, null, () => {
    sql(ctx.db, 'INSERT INTO settings (id, value) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET value = excluded.value').run(
      key,
      JSON.stringify(value),
    );
  });
}

let cachedUserName: string | undefined;

export function osUserName(): string {
  if (cachedUserName === undefined) {
    try {
      cachedUserName = os.userInfo().username || 'unknown';
    } catch {
      cachedUserName = process.env.USER ?? process.env.USERNAME ?? 'unknown';
    }
  }
  return cachedUserName;
}

/** Who acts: the investigator profile if set, else the operating-system user. */
export function actorFromSettings(db: Db): Actor {
  const profile = readSettings(db).profile;
  return profile ? { name: profile.name, badge: profile.badge } : { name: osUserName(), badge: '' };
}
