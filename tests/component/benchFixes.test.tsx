// Small things that confused a new user at the bench (issue 14), each checked with the app's own
// style sheets in the cascade: the customer's phone as a touch target, the "Not paired" badge
// against the header, the intake's save bar beside (not over) the end of the form, and a
// checklist photo field drawn as the camera's buttons.
import { Blob as NodeBlob } from 'node:buffer';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FieldInput } from '../../src/components/fields/FieldInput';
import { SyncBadge } from '../../src/components/SyncBadge';
import { db } from '../../src/db';
import type { FieldTemplate, StepValue } from '../../src/domain/checklists';
import { useSyncStatus } from '../../src/stores/syncStore';
import { backgroundOf, contrast, px, useAppStyles } from './computedStyle';
import { openTestJob } from './jobPageHelpers';
import { renderApp } from './renderApp';
import { signedIn } from './staffHelpers';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('The customer’s phone on the job page', () => {
  it('is a 48 px touch target that calls the number', async () => {
    useAppStyles('src/screens/jobs/job/job.css');
    const mia = await signedIn('Mia Berg');
    const { jobId } = await openTestJob(mia.id);
    renderApp(`/jobs/${jobId}`);
    const phone = await screen.findByRole('link', { name: '+46 70 123 45 67' });
    expect(phone.getAttribute('href')).toBe('tel:+46701234567');
    expect(px(phone, 'min-height')).toBeGreaterThanOrEqual(48);
    // min-height holds only on a box: an inline link ignores it.
    expect(getComputedStyle(phone).display).toMatch(/flex|block/);
  });
});

describe('The sync badge in the header', () => {
  function renderInHeader() {
    render(
      <MemoryRouter>
        <header className="app-header">
          <SyncBadge />
        </header>
      </MemoryRouter>,
    );
    return screen.getByRole('button', { name: /^Sync: / });
  }

  it('"Not paired" reads as a warning: it stands out from the navy header and its words read at 4.5:1', () => {
    useAppStyles('src/components/syncBadge.css');
    useSyncStatus.setState({ state: 'unpaired' });
    const badge = renderInHeader();
    expect(badge.textContent).toBe('Not paired');
    const header = backgroundOf(badge.parentElement as HTMLElement);
    // What the bench saw: the badge's own background all but the header's, its words grey on it.
    expect(contrast(backgroundOf(badge), header)).toBeGreaterThanOrEqual(3);
    expect(contrast(getComputedStyle(badge).color, backgroundOf(badge))).toBeGreaterThanOrEqual(
      4.5,
    );
  });

  it.each(['offline', 'syncing', 'idle', 'error'] as const)(
    'when %s, has an edge that stands out from the header and words at 4.5:1',
    (state) => {
      useAppStyles('src/components/syncBadge.css');
      useSyncStatus.setState({ state });
      const badge = renderInHeader();
      const header = backgroundOf(badge.parentElement as HTMLElement);
      // Its background, or a border of its own (one with a width), marks where the button is.
      const border =
        px(badge, 'border-top-width') > 0 ? getComputedStyle(badge).borderTopColor : '';
      const edge = Math.max(
        contrast(backgroundOf(badge), header),
        border === '' ? 0 : contrast(border, header),
      );
      expect(edge).toBeGreaterThanOrEqual(3);
      expect(contrast(getComputedStyle(badge).color, backgroundOf(badge))).toBeGreaterThanOrEqual(
        4.5,
      );
    },
  );
});

/** The nearest ancestor that scrolls its content. */
function scroller(el: Element): Element | null {
  for (let e = el.parentElement; e; e = e.parentElement) {
    if (/auto|scroll/.test(getComputedStyle(e).overflowY || getComputedStyle(e).overflow)) {
      return e;
    }
  }
  return null;
}

describe('The intake form’s save bar', () => {
  it('sits below the part that scrolls, so it never covers the end of the form', async () => {
    useAppStyles('src/screens/intake/intake.css');
    await signedIn('Mia Berg');
    renderApp('/intake');
    const form = await screen.findByRole('form', { name: 'Take in a piece' });
    const save = within(form).getByRole('button', { name: 'Save and open job' });
    const bar = save.closest('.intake-actions') as HTMLElement;
    const signature = within(form).getByRole('heading', { name: /signature/i });
    const scrolling = scroller(signature);
    expect(scrolling).not.toBeNull();
    // The end of the form scrolls inside a box the bar is not part of, and the bar lies over nothing.
    expect(scrolling?.contains(bar)).toBe(false);
    // jsdom computes no default: '' is the initial static.
    expect(['', 'static', 'relative']).toContain(getComputedStyle(bar).position);
    expect(form.contains(bar)).toBe(true);
  });
});

const PHOTO: FieldTemplate = {
  key: 'stones_before_photo',
  label: 'Photo of the stones before',
  required: true,
  kind: 'photo',
};

function PhotoField({ onValue }: { onValue: (v: StepValue | undefined) => void }) {
  const [value, setValue] = useState<StepValue | undefined>(undefined);
  return (
    <FieldInput
      field={PHOTO}
      value={value}
      onChange={(v) => {
        setValue(v);
        onValue(v);
      }}
      jobId="01JDXQ5Y8Z9V1N2M3K4H5G6F7E"
    />
  );
}

describe('A checklist photo field', () => {
  it('is the camera’s big buttons, keyboard reachable, and still takes a picked file', async () => {
    useAppStyles('src/components/photos/photos.css');
    // jsdom's Blob hands Node's WebCrypto ArrayBuffers it refuses to hash; a browser's would do.
    vi.stubGlobal('Blob', NodeBlob);
    const onValue = vi.fn();
    render(<PhotoField onValue={onValue} />);

    const camera = screen.getByLabelText<HTMLInputElement>(
      /^Photo of the stones before Take photo/,
    );
    const gallery = screen.getByLabelText<HTMLInputElement>(
      /^Photo of the stones before Choose a photo/,
    );
    for (const input of [camera, gallery]) {
      expect(input.type).toBe('file');
      expect(input.accept).toBe('image/*');
      const button = input.closest('label') as HTMLElement;
      expect(button.classList.contains('button')).toBe(true);
      expect(px(button, 'min-height')).toBeGreaterThanOrEqual(48);
      // In the tab order and the accessibility tree, only drawn as its label.
      expect(input.disabled).toBe(false);
      expect(input.tabIndex).toBe(0);
      expect(getComputedStyle(input).display).not.toBe('none');
      expect(getComputedStyle(input).visibility).not.toBe('hidden');
    }
    expect(camera.getAttribute('capture')).toBe('environment');
    expect(within(camera.closest('label') as HTMLElement).getByText('Take photo')).toBeTruthy();
    camera.focus();
    expect(document.activeElement).toBe(camera);

    const picture = new NodeBlob([new Uint8Array([1, 2, 3, 4])], { type: 'image/jpeg' });
    fireEvent.change(gallery, { target: { files: [picture] } });
    expect(await screen.findByText('Photo saved on this tablet.')).toBeTruthy();
    const sha = onValue.mock.lastCall?.[0] as string;
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    await waitFor(async () => {
      expect(await db.photos.get(sha)).toMatchObject({ jobId: '01JDXQ5Y8Z9V1N2M3K4H5G6F7E' });
    });
    expect(screen.getByText('Take it again')).toBeTruthy();
  });
});
