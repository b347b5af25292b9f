import { prepare, type DB } from '../../../state/database.js';

/** A feature list's features (`name: 0|1`), or undefined when there is no such list. */
export function featureList(db: DB, name: string): Record<string, number> | undefined {
  const row = prepare<[string], { features: string }>(db, 'SELECT features FROM whm_featurelist WHERE name = ?').get(name);
  return row ? (JSON.parse(row.features) as Record<string, number>) : undefined;
}

export function saveFeatureList(db: DB, name: string, features: Record<string, number>): void {
  prepare(db, 'INSERT INTO whm_featurelist (name, features) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET features = excluded.features').run(
    name,
    JSON.stringify(features),
  );
}

export function featureListNames(db: DB): string[] {
  return prepare<[], { name: string }>(db, 'SELECT name FROM whm_featurelist ORDER BY name')
    .all()
    .map((r) => r.name);
}

export function deleteFeatureList(db: DB, name: string): void {
  prepare(db, 'DELETE FROM whm_featurelist WHERE name = ?').run(name);
}
