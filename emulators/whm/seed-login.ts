/** The seeded root login: password for Basic auth, API token for `whm root:TOKEN` (both ours: the document's samples use placeholders). Data only: emulators/seeded-credentials.ts reads it too. */
export const SEED_LOGIN = { username: 'root', password: 'rootpw', token: 'MOCKPANELROOTTOKEN00000000000000' } as const;
