// Jobs for the job page tests, made with the real operations: a ring sized up from 16.51 to 17.32 mm.
import { screen } from '@testing-library/react';
import { db, eventsOfJob, openJob, setStep, type OpenJobInput } from '../../src/db';
import type { StepValues } from '../../src/domain/checklists';
import type { JobState } from '../../src/domain/job';
import type { StaffMember } from '../../src/domain/staff';
import { useSession } from '../../src/stores/sessionStore';
import { openedData } from '../support/events';
import { addPerson } from './staffHelpers';

export function intake(overrides: Partial<OpenJobInput> = {}): OpenJobInput {
  const { envelope: _e, services: _s, ...rest } = openedData();
  return {
    ...rest,
    services: [{ kind: 'ring_sizing_up', details: { current_size: 16.51, target_size: 17.32 } }],
    ...overrides,
  };
}

export async function openTestJob(
  actor: string,
  overrides: Partial<OpenJobInput> = {},
): Promise<{ jobId: string; envelopeNumber: string; serviceId: string }> {
  const { jobId, envelopeNumber } = await openJob(db, intake(overrides), actor);
  const serviceId = (await job(jobId)).services[0]?.id ?? '';
  return { jobId, envelopeNumber, serviceId };
}

export async function job(jobId: string): Promise<JobState> {
  const found = await db.jobs.get(jobId);
  if (!found) throw new Error(`No job ${jobId}`);
  return found;
}

/** Values that satisfy every required step of ring sizing up. */
export const SIZING_UP_VALUES: Readonly<Record<string, StepValues>> = {
  inspect: {},
  measure: { measured_size: 16.51 },
  cut_add_stock: { method: 'cut_add_stock', metal_added_g: 0.31 },
  solder: { join: 'hard_solder', metal_added_g: 0 },
  true_round: {},
  file_emery: {},
  verify_size: { final_size: 17.32 },
  polish: {},
  clean: {},
};

/** Ticks every required step as `actor`, except the ones named. */
export async function finishSteps(
  jobId: string,
  serviceId: string,
  actor: string,
  except: readonly string[] = [],
): Promise<void> {
  for (const [stepId, values] of Object.entries(SIZING_UP_VALUES)) {
    if (except.includes(stepId)) continue;
    await setStep(db, { jobId, serviceId, stepId, done: true, values }, actor);
  }
}

/** A second person, added by the first, and signed in. */
export async function signInSecond(first: StaffMember): Promise<StaffMember> {
  const jo = await addPerson('Jo Smith', '5678', 'jeweler', first.id);
  useSession.getState().signIn(jo.id);
  return jo;
}

export async function eventTypes(jobId: string): Promise<string[]> {
  return (await eventsOfJob(db, jobId)).map((e) => e.type);
}

/** "14:05": the local time of a clock stamp, worked out here independently of the page. */
export function hhmm(at: string): string {
  const d = new Date(at.slice(0, 24));
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** Waits for the header's status badge to read `text`. */
export function statusBadge(text: string): Promise<HTMLElement> {
  return screen.findByText(text, { selector: '.jp-status' });
}
