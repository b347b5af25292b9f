/** The seeded default world's login: the document's own sample (seed 001 § login), so its samples run unmodified. Data only: emulators/seeded-credentials.ts reads it too. */
export const SEED_LOGIN = { username: 'AA1234-GANDI', password: 'mypassword' } as const;
