/** The seeded remote user (all function groups): ISPConfig's installer default admin / admin, inferred as the likeliest sample login. Data only: conformance/targets.ts reads it too. */
export const SEED_LOGIN = { username: 'admin', password: 'admin' } as const;
