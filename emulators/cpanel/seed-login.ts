/** The seeded account login of the cPanel door: an account of WHM's built-in seed (emulators/whm/seed.ts), since the door logs in WHM's accounts. Data only: emulators/seeded-credentials.ts reads it. */
export const SEED_LOGIN = { username: 'carol', password: 'carolpw' } as const;
