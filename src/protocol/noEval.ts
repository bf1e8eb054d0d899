// Tells zod never to compile schemas with `new Function`: the server's Content-Security-Policy
// forbids eval, and zod's probe for it would be reported as a violation on every page load.
// zod decides when a schema is built, so this must run before any module builds one: main.tsx
// imports it first. The server has no CSP and keeps zod's faster compiled parsers.
//
// It sets the object zod's own z.config() writes to, which zod keeps on globalThis so that every
// copy of zod shares it, without importing zod: the first screen loads no zod at all (the schemas
// come with sync and the screens that write). tests/unit/noEval.test.ts holds zod to this.
const shared = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
(shared.__zod_globalConfig ??= {}).jitless = true;

export {};
