/** The seeded remote user (all function groups): ISPConfig's installer default admin / admin, inferred as the likeliest sample login. Data only: emulators/seeded-credentials.ts reads it too. */
export const SEED_LOGIN = { username: 'admin', password: 'admin' } as const;
