// The services' names the jobs list shows without loading the checklists: the templates' own names.
import { describe, expect, it } from 'vitest';
import { SERVICE_KINDS, templateFor } from '../../src/domain/checklists';
import { SERVICE_NAMES } from '../../src/domain/checklists/serviceNames';

describe('SERVICE_NAMES', () => {
  it.each(SERVICE_KINDS)('names %s as its checklist does', (kind) => {
    expect(SERVICE_NAMES[kind]).toBe(templateFor(kind).name);
  });
});
