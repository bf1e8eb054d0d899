// Tells zod never to compile schemas with `new Function`: the server's Content-Security-Policy
// forbids eval, and zod's probe for it would be reported as a violation on every page load.
// zod decides when a schema is built, so this must run before any module builds one: main.tsx
// imports it first. The server has no CSP and keeps zod's faster compiled parsers.
import { z } from 'zod';

z.config({ jitless: true });
