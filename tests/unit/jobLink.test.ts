// The job link an envelope's QR code carries, and the path pattern the scanner reads it back with.
import { describe, expect, it } from 'vitest';
import { newJobId } from '../../src/domain/ids';
import { JOB_LINK_PATH_PATTERN, jobLinkUrl } from '../../src/scan/jobLink';

const JOB = '01KBZ3V8F0Q9XJ6T2M4N5P7R8S';

describe('jobLinkUrl', () => {
  it.each([
    ['https://192.168.1.20:8080', `https://192.168.1.20:8080/j/${JOB}`],
    ['http://127.0.0.1:8080', `http://127.0.0.1:8080/j/${JOB}`],
    ['https://loupe.local', `https://loupe.local/j/${JOB}`],
  ])('links %s to the job', (origin, url) => {
    expect(jobLinkUrl(origin, JOB)).toBe(url);
  });

  it('makes a link whose path the pattern reads back to the same job id', () => {
    for (let i = 0; i < 50; i++) {
      const id = newJobId();
      const { pathname } = new URL(jobLinkUrl('https://loupe.local:8080', id));
      expect(JOB_LINK_PATH_PATTERN.exec(pathname)?.[1]).toBe(id);
    }
  });
});

describe('JOB_LINK_PATH_PATTERN', () => {
  it.each([
    [`/j/${JOB}`, true],
    [`/j/${JOB.toLowerCase()}`, false], // ids are upper case: compared as plain strings
    [`/j/${JOB}/`, false],
    [`/j/${JOB.slice(1)}`, false], // 25 characters
    [`/j/${JOB}0`, false], // 27 characters
    [`/j/${JOB.slice(0, 25)}I`, false], // Crockford base32 has no I, L, O or U
    [`/j/${JOB.slice(0, 25)}L`, false],
    [`/j/${JOB.slice(0, 25)}O`, false],
    [`/j/${JOB.slice(0, 25)}U`, false],
    [`/jobs/${JOB}`, false],
    [`/x/j/${JOB}`, false],
    [`j/${JOB}`, false],
  ])('%s → %s', (path, matches) => {
    expect(JOB_LINK_PATH_PATTERN.test(path)).toBe(matches);
  });
});
