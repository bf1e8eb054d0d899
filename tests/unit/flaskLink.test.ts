// The flask link a flask tag's QR code carries, and the path pattern the scanner reads it back with.
import { describe, expect, it } from 'vitest';
import { flaskIdSchema } from '../../src/protocol/casting';
import { FLASK_LINK_PATH_PATTERN, flaskLink } from '../../src/scan/flaskLink';

describe('flaskLink', () => {
  it.each([
    ['https://192.168.1.20:8080', 'F12', 'https://192.168.1.20:8080/f/F12'],
    ['http://127.0.0.1:8080', 'F-3', 'http://127.0.0.1:8080/f/F-3'],
    ['https://loupe.local', 'F12', 'https://loupe.local/f/F12'],
    // Typed on the flask form in lower case, with a space: the tag names it as the tree stores it.
    ['https://loupe.local', ' f12 ', 'https://loupe.local/f/F12'],
  ])('links %s and flask %j', (origin, id, url) => {
    expect(flaskLink(origin, id)).toBe(url);
  });

  it('makes a link whose path the pattern reads back to the same flask id', () => {
    for (const id of ['F1', 'F12', '7', 'BIG-FLASK-0001', 'A0123456789BCDEF']) {
      expect(flaskIdSchema.parse(id)).toBe(id);
      const { pathname } = new URL(flaskLink('https://loupe.local:8080', id));
      expect(FLASK_LINK_PATH_PATTERN.exec(pathname)?.[1]).toBe(id);
    }
  });
});

describe('FLASK_LINK_PATH_PATTERN', () => {
  it.each([
    ['/f/F12', 'F12'],
    ['/f/f12', 'f12'], // read without regard to case; the reader upper-cases it
    ['/F/F12', 'F12'],
    ['/f/F-12', 'F-12'],
    ['/f/A0123456789BCDEF', 'A0123456789BCDEF'], // 16 characters, the most a flask id has
    ['/f/A0123456789BCDEFG', undefined], // 17
    ['/f/-12', undefined], // a flask id starts with a letter or digit
    ['/f/', undefined],
    ['/f/F12/', undefined],
    ['/f/F 12', undefined],
    ['/f/F_12', undefined],
    ['/flask/F12', undefined],
    ['/x/f/F12', undefined],
    ['f/F12', undefined],
  ])('%s → %s', (path, id) => {
    expect(FLASK_LINK_PATH_PATTERN.exec(path)?.[1]).toBe(id);
  });
});
