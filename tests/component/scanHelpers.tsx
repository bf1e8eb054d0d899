// Shared by the scanning component tests: a small router around the scan screens, jobs opened the
// app's way, and a fake camera.
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes, useLocation, useParams } from 'react-router';
import { vi } from 'vitest';
import { db, openJob, type OpenJobInput } from '../../src/db';
import { JobLinkScreen } from '../../src/screens/scan/JobLinkScreen';
import { ScanScreen, type ScannerParts } from '../../src/screens/scan/ScanScreen';
import { openedData } from '../support/events';

/** Stands in for the job page: says which job it is. */
function JobProbe() {
  const { jobId = '' } = useParams();
  return <h2>Job page {jobId}</h2>;
}

function IntakeProbe() {
  const { search } = useLocation();
  return <h2>Intake {search}</h2>;
}

export function renderScanRoutes(
  path: string,
  { parts, extra }: { parts?: ScannerParts; extra?: ReactNode } = {},
) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      {extra}
      <Routes>
        <Route path="/scan" element={<ScanScreen parts={parts} />} />
        <Route path="/j/:jobId" element={<JobLinkScreen />} />
        <Route path="/jobs/:jobId" element={<JobProbe />} />
        <Route path="/jobs" element={<h2>Jobs list</h2>} />
        <Route path="/intake" element={<IntakeProbe />} />
      </Routes>
    </MemoryRouter>,
  );
}

/** Opens a job on this tablet through the same operation the intake screen uses. */
export async function openTestJob(overrides: Partial<OpenJobInput> = {}) {
  const { envelope: _e, services: _s, ...rest } = openedData();
  return openJob(
    db,
    {
      ...rest,
      services: [{ kind: 'ring_sizing_up', details: { current_size: 16.51, target_size: 17.32 } }],
      ...overrides,
    },
    'staff-mia',
  );
}

/** A camera track with an optional torch, and a stream around it. */
export function fakeStream({ torch = false }: { torch?: boolean } = {}) {
  const track = {
    kind: 'video',
    stop: vi.fn(),
    getCapabilities: () => (torch ? { torch: true } : {}),
    applyConstraints: vi.fn(() => Promise.resolve()),
  };
  const stream = {
    getTracks: () => [track],
    getVideoTracks: () => [track],
  } as unknown as MediaStream;
  return { stream, track };
}

/** A frame's pixels do not matter to a fake reader. */
export const BLANK_FRAME = {
  width: 4,
  height: 3,
  data: new Uint8ClampedArray(48),
} as unknown as ImageData;

/** Scanner parts over a fake camera: every few milliseconds a frame, read as `read` says. */
export function fakeScanner(
  read: () => string | null,
  stream: MediaStream = fakeStream().stream,
): ScannerParts & { reads: () => number } {
  let reads = 0;
  return {
    openCamera: () => Promise.resolve(stream),
    createReader: () =>
      Promise.resolve({
        engine: 'zxing' as const,
        read: () => {
          reads++;
          const text = read();
          return Promise.resolve(text === null ? null : { text, format: 'qr_code' });
        },
      }),
    frames: () => ({
      grab: () => BLANK_FRAME,
      nextFrame: (run) => {
        const timer = setTimeout(run, 5);
        return () => {
          clearTimeout(timer);
        };
      },
    }),
    reads: () => reads,
  };
}
