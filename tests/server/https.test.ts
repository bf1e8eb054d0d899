// HTTPS with TLS_CERT and TLS_KEY: a self-signed certificate made here with openssl, trusted by
// the test's own client as a shop's CA would be trusted by its tablets.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthResponseSchema } from '../../src/protocol/api';
import { plainHttpWarning, readConfig } from '../../src/server/config';
import { startServer } from '../../src/server/server';
import { startTestServer } from './startTestServer';

const NO_BUILD = '/nonexistent-loupe-build';

function makeCertificate(dir: string): { cert: string; key: string } {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
  } catch {
    throw new Error(
      'These tests make a certificate with openssl, which is not installed: ' +
        'sudo apt-get install -y openssl',
    );
  }
  const cert = join(dir, 'loupe.crt');
  const key = join(dir, 'loupe.key');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'pipe' },
  );
  return { cert, key };
}

/** GET over HTTPS trusting only `ca`: fetch cannot be given a CA, node:https can. */
function httpsGet(
  url: string,
  ca: Buffer,
): Promise<{ status: number; body: string; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body, headers: res.headers });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HTTPS', () => {
  let dir: string;
  let tls: { cert: string; key: string };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'loupe-tls-'));
    tls = makeCertificate(dir);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the API over HTTPS when given a certificate and key', async () => {
    const server = await startTestServer(NO_BUILD, { tls });
    try {
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const res = await httpsGet(`${server.url}/api/v1/health`, readFileSync(tls.cert));
      expect(res.status).toBe(200);
      expect(healthResponseSchema.parse(JSON.parse(res.body)).ok).toBe(true);
      // Under TLS, browsers are told to keep to HTTPS, on every answer (an error too).
      expect(res.headers['strict-transport-security']).toBe('max-age=63072000');
      const missing = await httpsGet(`${server.url}/api/v1/nope`, readFileSync(tls.cert));
      expect(missing.status).toBe(404);
      expect(missing.headers['strict-transport-security']).toBe('max-age=63072000');
      expect(missing.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      // A client that does not trust the certificate is refused, as a tablet without the CA is.
      await expect(fetch(`${server.url}/api/v1/health`)).rejects.toThrow();
    } finally {
      await server.close();
    }
  });

  it('says which file it could not read', async () => {
    const start = startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: join(dir, 'data'),
      staticDir: NO_BUILD,
      tls: { cert: join(dir, 'missing.crt'), key: tls.key },
    });
    await expect(start).rejects.toThrow(
      `Could not read TLS_CERT (${join(dir, 'missing.crt')}) for HTTPS: ENOENT`,
    );
  });

  it('says clearly when the files are not a certificate and its key', async () => {
    const junk = join(dir, 'junk.pem');
    writeFileSync(junk, 'not a certificate');
    const start = startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: join(dir, 'data'),
      staticDir: NO_BUILD,
      tls: { cert: junk, key: tls.key },
    });
    await expect(start).rejects.toThrow(
      `HTTPS could not start with TLS_CERT=${junk} and TLS_KEY=${tls.key}: `,
    );
    await expect(start).rejects.toThrow(
      'Both must be PEM files, the key belonging to the certificate.',
    );
  });
});

describe('the warning for a server on the network without HTTPS', () => {
  it.each(['0.0.0.0', '::', '192.168.1.20', 'loupe.local', '10.0.0.5'])(
    'warns for HOST=%s without TLS, saying what is at stake and how to fix it',
    (host) => {
      const lines = plainHttpWarning(readConfig({ HOST: host }));
      expect(lines).not.toBeNull();
      const text = (lines ?? []).join('\n');
      expect(lines?.length).toBeGreaterThanOrEqual(5);
      expect(text).toContain(`listening on ${host} WITHOUT HTTPS`);
      expect(text).toContain('tokens');
      expect(text).toContain('customers');
      expect(text).toContain('TLS_CERT=loupe.crt TLS_KEY=loupe.key');
    },
  );

  it.each(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'])(
    'stays quiet for HOST=%s, which only this machine reaches',
    (host) => {
      expect(plainHttpWarning(readConfig({ HOST: host }))).toBeNull();
    },
  );

  it('stays quiet under TLS, whatever the host', () => {
    const config = readConfig({ HOST: '0.0.0.0', TLS_CERT: 'a.crt', TLS_KEY: 'a.key' });
    expect(plainHttpWarning(config)).toBeNull();
  });

  it('is printed on stderr when `npm run serve` starts on 0.0.0.0 without TLS', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'loupe-warn-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: { ...process.env, HOST: '0.0.0.0', PORT: '0', DATA_DIR: dataDir, STATIC_DIR: NO_BUILD },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let stderr = '';
      let stdout = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      await new Promise<void>((resolve, reject) => {
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          stdout += chunk;
        });
        child.stderr.on('data', () => {
          if (stderr.includes('WITHOUT HTTPS') && stderr.trimEnd().endsWith('!'.repeat(78))) {
            resolve();
          }
        });
        child.once('exit', (code) => {
          reject(new Error(`the server stopped (${String(code)}): ${stderr}`));
        });
      });
      expect(stdout).toContain('Loupe is running at http://0.0.0.0:');
      expect(stderr).toContain('WARNING: Loupe is listening on 0.0.0.0 WITHOUT HTTPS');
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('readConfig, HTTPS and the public address', () => {
  it('reads TLS_CERT and TLS_KEY as paths', () => {
    const config = readConfig({
      TLS_CERT: '/etc/loupe/loupe.crt',
      TLS_KEY: '/etc/loupe/loupe.key',
    });
    expect(config.tls).toEqual({ cert: '/etc/loupe/loupe.crt', key: '/etc/loupe/loupe.key' });
  });

  it('serves plain HTTP when neither is set', () => {
    expect(readConfig({}).tls).toBeUndefined();
  });

  it.each([
    [{ TLS_CERT: 'loupe.crt' }, 'only TLS_CERT is set'],
    [{ TLS_KEY: 'loupe.key' }, 'only TLS_KEY is set'],
  ])('refuses half a TLS setting (%j)', (env, message) => {
    expect(() => readConfig(env)).toThrow(`HTTPS needs both TLS_CERT and TLS_KEY`);
    expect(() => readConfig(env)).toThrow(message);
  });

  it('takes PUBLIC_URL without a trailing slash, and refuses what is not an http(s) URL', () => {
    expect(readConfig({ PUBLIC_URL: 'https://loupe.local:8443/' }).publicUrl).toBe(
      'https://loupe.local:8443',
    );
    expect(() => readConfig({ PUBLIC_URL: 'loupe.local' })).toThrow(
      'PUBLIC_URL must be the address tablets open, like https://loupe.local:8080; got "loupe.local".',
    );
  });
});
