/** The seeded default world's login: the document's own example (seed 000 § login), so its samples run unmodified. Data only: emulators/seeded-credentials.ts reads it too. */
export const SEED_LOGIN = { username: 'widgetsco', password: 'widgetsrock' } as const;
