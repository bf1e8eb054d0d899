// What a scanned or typed code means: table-driven, one row per kind of thing a scanner meets.
import { describe, expect, it } from 'vitest';
import { classifyScan, type ScanPayload } from '../../src/scan/payload';
import { badgeLinkUrl } from '../../src/scan/badgeLink';
import { flaskLink } from '../../src/scan/flaskLink';
import { jobLinkUrl } from '../../src/scan/jobLink';

const ORIGIN = 'https://192.168.1.20:8080';
const JOB = '01JC8ZRV6W3Q9T5M2N4P7X0ABC';

describe('classifyScan', () => {
  const rows: [string, string, ScanPayload][] = [
    // Our own labels, however the shop reaches its server.
    [
      'our label',
      jobLinkUrl(ORIGIN, JOB),
      { kind: 'jobLink', jobId: JOB, sameOrigin: true, host: '192.168.1.20:8080' },
    ],
    [
      'a label printed when the server was reached by name',
      `https://loupe.local/j/${JOB}`,
      { kind: 'jobLink', jobId: JOB, sameOrigin: false, host: 'loupe.local' },
    ],
    [
      'plain http on the server machine',
      `http://127.0.0.1:8080/j/${JOB}`,
      { kind: 'jobLink', jobId: JOB, sameOrigin: false, host: '127.0.0.1:8080' },
    ],
    [
      'a trailing slash, a query and a fragment',
      `${ORIGIN}/j/${JOB}/?utm=label#top`,
      { kind: 'jobLink', jobId: JOB, sameOrigin: true, host: '192.168.1.20:8080' },
    ],
    [
      'an upper-case scheme and host (QR alphanumeric mode)',
      `HTTPS://LOUPE.LOCAL/j/${JOB}`,
      { kind: 'jobLink', jobId: JOB, sameOrigin: false, host: 'loupe.local' },
    ],
    [
      'spaces and a newline around it (wedge scanners)',
      `  ${jobLinkUrl(ORIGIN, JOB)}\r\n`,
      { kind: 'jobLink', jobId: JOB, sameOrigin: true, host: '192.168.1.20:8080' },
    ],

    // Flask tags: the tag names the flask; the tablet looks up the tree in it.
    [
      'our flask tag',
      flaskLink(ORIGIN, 'F12'),
      { kind: 'flask', flaskId: 'F12', sameOrigin: true, host: '192.168.1.20:8080' },
    ],
    [
      'a flask tag printed when the server was reached by name',
      'https://loupe.local/f/F-7',
      { kind: 'flask', flaskId: 'F-7', sameOrigin: false, host: 'loupe.local' },
    ],
    [
      'a flask tag typed in lower case, with a trailing slash',
      `${ORIGIN}/f/f12/`,
      { kind: 'flask', flaskId: 'F12', sameOrigin: true, host: '192.168.1.20:8080' },
    ],
    [
      'a whole flask link in capitals (QR alphanumeric mode)',
      'HTTPS://LOUPE.LOCAL/F/F12',
      { kind: 'flask', flaskId: 'F12', sameOrigin: false, host: 'loupe.local' },
    ],
    ['a flask path with no flask id', `${ORIGIN}/f/`, { kind: 'foreign', text: `${ORIGIN}/f/` }],
    [
      'a flask id longer than a tag holds',
      `${ORIGIN}/f/A0123456789BCDEFG`,
      { kind: 'foreign', text: `${ORIGIN}/f/A0123456789BCDEFG` },
    ],
    [
      'a flask link under a prefix',
      `${ORIGIN}/x/f/F12`,
      { kind: 'foreign', text: `${ORIGIN}/x/f/F12` },
    ],

    // Badges: a person, a place of the shop, a trade shop; any host, like a job label.
    [
      'a person’s badge',
      badgeLinkUrl(ORIGIN, { kind: 'staff', id: JOB }),
      { kind: 'badge', badge: 'staff', id: JOB, sameOrigin: true, host: '192.168.1.20:8080' },
    ],
    [
      'a place’s badge printed when the server was reached by name',
      'https://loupe.local/b/p/bench_2',
      { kind: 'badge', badge: 'place', id: 'bench_2', sameOrigin: false, host: 'loupe.local' },
    ],
    [
      'a trade shop’s badge with a trailing slash',
      `${ORIGIN}/b/t/${JOB}/`,
      { kind: 'badge', badge: 'tradeShop', id: JOB, sameOrigin: true, host: '192.168.1.20:8080' },
    ],
    [
      'a whole badge link in capitals (QR alphanumeric mode): ids in their own case',
      `HTTPS://LOUPE.LOCAL/B/P/SAFE`,
      { kind: 'badge', badge: 'place', id: 'safe', sameOrigin: false, host: 'loupe.local' },
    ],
    [
      'a person’s badge typed in lower case',
      `${ORIGIN}/b/s/${JOB.toLowerCase()}`,
      { kind: 'badge', badge: 'staff', id: JOB, sameOrigin: true, host: '192.168.1.20:8080' },
    ],
    [
      'a badge of a kind there is none of',
      `${ORIGIN}/b/x/${JOB}`,
      { kind: 'foreign', text: `${ORIGIN}/b/x/${JOB}` },
    ],
    [
      'a person’s badge whose id is no ULID',
      `${ORIGIN}/b/s/mia`,
      { kind: 'foreign', text: `${ORIGIN}/b/s/mia` },
    ],
    [
      'a place id that cannot be one',
      `${ORIGIN}/b/p/2nd_bench`,
      { kind: 'foreign', text: `${ORIGIN}/b/p/2nd_bench` },
    ],
    ['a badge path with no id', `${ORIGIN}/b/p/`, { kind: 'foreign', text: `${ORIGIN}/b/p/` }],

    // Envelope numbers made by a tablet, however typed.
    [
      'a tablet number',
      'K7-0042',
      {
        kind: 'envelope',
        key: 'K70042',
        number: 'K7-0042',
        tabletShaped: true,
        preprintedCode: 'K7-0042',
      },
    ],
    [
      'typed lower case, unpadded',
      'k7 42',
      {
        kind: 'envelope',
        key: 'K70042',
        number: 'K7 42',
        tabletShaped: true,
        preprintedCode: 'K7 42',
      },
    ],
    [
      'typed without a dash',
      'K70042',
      {
        kind: 'envelope',
        key: 'K70042',
        number: 'K70042',
        tabletShaped: true,
        preprintedCode: 'K70042',
      },
    ],

    // Pre-printed envelope codes (often Code 128).
    [
      'an all-digit printed code',
      '00012345',
      {
        kind: 'envelope',
        key: '00012345',
        number: '00012345',
        tabletShaped: false,
        preprintedCode: '00012345',
      },
    ],
    [
      'a printed code with a slash',
      'env/2026/17',
      {
        kind: 'envelope',
        key: 'ENV/2026/17',
        number: 'ENV/2026/17',
        tabletShaped: false,
        preprintedCode: 'ENV/2026/17',
      },
    ],
    [
      'a printed code with spaces',
      ' 2026  17 ',
      {
        kind: 'envelope',
        key: '202617',
        number: '2026 17',
        tabletShaped: false,
        preprintedCode: '2026 17',
      },
    ],
    [
      'a printed code that is also shaped like a tablet number (series R2)',
      'R 2026 17',
      {
        kind: 'envelope',
        key: 'R22617',
        number: 'R 2026 17',
        tabletShaped: true,
        preprintedCode: 'R 2026 17',
      },
    ],

    // Everything else.
    [
      'another web site',
      'https://example.com/menu',
      { kind: 'foreign', text: 'https://example.com/menu' },
    ],
    [
      'a /j/ link that is not a ULID',
      `${ORIGIN}/j/12345`,
      { kind: 'foreign', text: `${ORIGIN}/j/12345` },
    ],
    [
      'a lower-case job id (ids are upper case)',
      `${ORIGIN}/j/${JOB.toLowerCase()}`,
      { kind: 'foreign', text: `${ORIGIN}/j/${JOB.toLowerCase()}` },
    ],
    [
      'a 26-character id that is no ULID (first character past 7)',
      `${ORIGIN}/j/9${JOB.slice(1)}`,
      { kind: 'foreign', text: `${ORIGIN}/j/9${JOB.slice(1)}` },
    ],
    [
      'a job page URL rather than a label',
      `${ORIGIN}/jobs/${JOB}`,
      { kind: 'foreign', text: `${ORIGIN}/jobs/${JOB}` },
    ],
    [
      'a label path under a prefix',
      `${ORIGIN}/x/j/${JOB}`,
      { kind: 'foreign', text: `${ORIGIN}/x/j/${JOB}` },
    ],
    [
      'another scheme',
      `ftp://loupe.local/j/${JOB}`,
      { kind: 'foreign', text: `ftp://loupe.local/j/${JOB}` },
    ],
    ['a broken URL', 'http://', { kind: 'foreign', text: 'http://' }],
    [
      'Wi-Fi credentials',
      'WIFI:S:Shop;T:WPA;P:secret;;',
      { kind: 'foreign', text: 'WIFI:S:Shop;T:WPA;P:secret;;' },
    ],
    ['too short for an envelope', 'AB', { kind: 'foreign', text: 'AB' }],
    [
      'a group separator from a GS1 code',
      'ABC\u001d123',
      { kind: 'foreign', text: 'ABC\u001d123' },
    ],
    ['nothing', '   ', { kind: 'foreign', text: '' }],
  ];

  it.each(rows)('%s', (_what, text, expected) => {
    expect(classifyScan(text, ORIGIN)).toEqual(expected);
  });

  it('compares origins, not strings: a trailing slash on ours changes nothing', () => {
    expect(classifyScan(jobLinkUrl(ORIGIN, JOB), `${ORIGIN}/`)).toMatchObject({ sameOrigin: true });
  });
});
