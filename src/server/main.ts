// `npm start` / `npm run serve`: runs the Loupe server until Ctrl-C.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { plainHttpWarning, readConfig, redactUrl } from './config';
import { startServer } from './server';
import { MISSING_BUILD_MESSAGE } from './http/staticFiles';

async function main(): Promise<void> {
  const config = readConfig();
  if (!existsSync(join(config.staticDir, 'index.html'))) console.warn(MISSING_BUILD_MESSAGE);
  const server = await startServer(config);
  console.log(
    `Loupe is running at ${server.url} (data in ${
      config.databaseUrl
        ? `${redactUrl(config.databaseUrl)}, photos in ${config.dataDir}`
        : config.dataDir
    })`,
  );
  console.log('To pair a tablet, run "npm run pair" in another terminal.');
  console.log(
    config.smtp
      ? `"Ready for pick-up" emails go out through ${config.smtp.host}:${config.smtp.port} as ${config.smtp.from}.`
      : 'No SMTP_HOST: no "ready for pick-up" email is sent (README, "Telling customers their piece is ready").',
  );
  // Last, so it is what the person starting the server sees.
  const warning = plainHttpWarning(config);
  if (warning) console.warn(warning.join('\n'));
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
