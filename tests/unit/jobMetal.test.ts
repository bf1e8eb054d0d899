// The expected return weight of a job (intake + added − removed) and the tolerance flag on a weighing.
import { describe, expect, it } from 'vitest';
import type { ServiceKind, StepValues } from '../../src/domain/checklists';
import type { JobState } from '../../src/domain/job';
import {
  latestReturnCheck,
  returnCheck,
  stepMetal,
  weightBalance,
} from '../../src/domain/ledger/jobMetal';
import { newUlid } from '../../src/domain/ids';
import { foldJob } from '../../src/domain/projection';
import type { EventData, StoredEvent } from '../../src/protocol/events';
import { event, openedData, stampAt, T0 } from '../support/events';

/** A step ticked (or unticked) on one of the job's services, by its kind. */
interface Step {
  service: ServiceKind;
  stepId: string;
  values: StepValues;
  done?: boolean;
}

interface Story {
  intakeG: number;
  services: { kind: ServiceKind; details: StepValues; cancelled?: boolean }[];
  steps?: Step[];
  logged?: { kind: EventData<'weight.logged'>['kind']; grams: number }[];
}

const SIZING_UP = {
  kind: 'ring_sizing_up',
  details: { current_size: 16.51, target_size: 17.32 },
} as const;
const SIZING_DOWN = {
  kind: 'ring_sizing_down',
  details: { current_size: 17.32, target_size: 16.51 },
} as const;
const RETIP = {
  kind: 'prong_retipping',
  details: { prong_count: 2, which_prongs: 'centre' },
} as const;
const CHAIN = { kind: 'chain_soldering', details: { break_count: 1 } } as const;
const CASTING = { kind: 'lost_wax_casting', details: { alloy: 'au18y' } } as const;

/** The job the story tells, folded from real events as any tablet would fold them. */
function jobOf(story: Story): JobState {
  const services = story.services.map((s) => ({
    id: newUlid(T0),
    kind: s.kind,
    details: s.details,
  }));
  const jobId = newUlid(T0);
  let minute = 0;
  const at = () => stampAt(minute++);
  const events: StoredEvent[] = [
    event(jobId, 'job.opened', openedData({ services, intakeWeightG: story.intakeG }), at()),
  ];
  story.services.forEach((s, i) => {
    if (!s.cancelled) return;
    const serviceId = services[i]?.id ?? '';
    events.push(
      event(jobId, 'service.cancelled', { serviceId, reason: 'Customer changed mind' }, at()),
    );
  });
  for (const step of story.steps ?? []) {
    const serviceId = services.find((s) => s.kind === step.service)?.id ?? '';
    events.push(
      event(
        jobId,
        'step.set',
        { serviceId, stepId: step.stepId, done: step.done ?? true, values: step.values },
        at(),
      ),
    );
  }
  for (const w of story.logged ?? []) events.push(event(jobId, 'weight.logged', w, at()));
  const job = foldJob(events);
  if (!job) throw new Error('expected a job');
  return job;
}

const addStock = (g: number): Step => ({
  service: 'ring_sizing_up',
  stepId: 'cut_add_stock',
  values: { method: 'cut_add_stock', metal_added_g: g, stock_alloy: 'au14y' },
});

describe('weightBalance: what the piece should weigh back', () => {
  it.each<{ name: string; story: Story; added: number; removed: number; expected: number }>([
    {
      name: 'nothing done at the bench: the intake weight',
      story: { intakeG: 3.42, services: [SIZING_UP] },
      added: 0,
      removed: 0,
      expected: 3.42,
    },
    {
      name: 'sizing up: the stock added',
      story: { intakeG: 5.2, services: [SIZING_UP], steps: [addStock(0.18)] },
      added: 0.18,
      removed: 0,
      expected: 5.38,
    },
    {
      name: 'sizing down: the offcut removed',
      story: {
        intakeG: 5.2,
        services: [SIZING_DOWN],
        steps: [
          {
            service: 'ring_sizing_down',
            stepId: 'cut_remove_stock',
            values: { method: 'cut_remove_stock', metal_removed_g: 0.22 },
          },
        ],
      },
      added: 0,
      removed: 0.22,
      expected: 4.98,
    },
    {
      name: 'sizing by stretching: 0 g is no metal',
      story: {
        intakeG: 5.2,
        services: [SIZING_UP],
        steps: [{ ...addStock(0), values: { method: 'stretch', metal_added_g: 0 } }],
      },
      added: 0,
      removed: 0,
      expected: 5.2,
    },
    {
      name: 're-tipping: the wire used',
      story: {
        intakeG: 4.1,
        services: [RETIP],
        steps: [
          {
            service: 'prong_retipping',
            stepId: 'retip',
            values: { method: 'laser', prongs_retipped: 2, metal_added_g: 0.04 },
          },
        ],
      },
      added: 0.04,
      removed: 0,
      expected: 4.14,
    },
    {
      name: 'chain soldering: the solder used',
      story: {
        intakeG: 8.65,
        services: [CHAIN],
        steps: [
          {
            service: 'chain_soldering',
            stepId: 'solder',
            values: { join: 'easy_solder', links_joined: 1, metal_added_g: 0.02 },
          },
        ],
      },
      added: 0.02,
      removed: 0,
      expected: 8.67,
    },
    {
      name: 'casting: the good weight becomes the piece, the button goes back to stock',
      story: {
        intakeG: 1.05,
        services: [CASTING],
        steps: [
          {
            service: 'lost_wax_casting',
            stepId: 'cut_off',
            values: { button_weight_g: 12.4, good_weight_g: 6.31 },
          },
          {
            service: 'lost_wax_casting',
            stepId: 'return_to_stock',
            values: { returned_to_stock_g: 12.4 },
          },
        ],
      },
      added: 6.31,
      removed: 0,
      expected: 7.36,
    },
    {
      name: 'an unticked step: its metal was not added',
      story: {
        intakeG: 5.2,
        services: [SIZING_UP],
        steps: [addStock(0.18), { ...addStock(0.18), done: false }],
      },
      added: 0,
      removed: 0,
      expected: 5.2,
    },
    {
      name: 'a cancelled service: its steps are no longer the job’s work',
      story: {
        intakeG: 5.2,
        services: [{ ...SIZING_UP, cancelled: true }, RETIP],
        steps: [addStock(0.18)],
      },
      added: 0,
      removed: 0,
      expected: 5.2,
    },
    {
      name: 'weights logged on their own, with the step metal',
      story: {
        intakeG: 5.2,
        services: [SIZING_UP],
        steps: [addStock(0.18)],
        logged: [
          { kind: 'added', grams: 0.05 },
          { kind: 'removed', grams: 0.03 },
          // A check weighing is no metal added or removed.
          { kind: 'check', grams: 5.4 },
        ],
      },
      added: 0.23,
      removed: 0.03,
      expected: 5.4,
    },
    {
      name: 'float noise: 0.1 + 0.2 added is 0.3 to the milligram',
      story: {
        intakeG: 1,
        services: [SIZING_UP],
        logged: [
          { kind: 'added', grams: 0.1 },
          { kind: 'added', grams: 0.2 },
        ],
      },
      added: 0.3,
      removed: 0,
      expected: 1.3,
    },
    {
      name: 'float noise: 1.1 g intake + 2.2 g added is 3.3 g to the milligram',
      story: { intakeG: 1.1, services: [SIZING_UP], logged: [{ kind: 'added', grams: 2.2 }] },
      added: 2.2,
      removed: 0,
      expected: 3.3,
    },
  ])('$name', ({ story, added, removed, expected }) => {
    const b = weightBalance(jobOf(story));
    expect([b.addedG, b.removedG, b.expectedG]).toEqual([added, removed, expected]);
  });
});

describe('stepMetal: where the metal was recorded, and its alloy', () => {
  it.each<{ name: string; service: Story['services'][number]; step: Step; alloyId?: string }>([
    {
      name: 'sizing stock: stock_alloy',
      service: SIZING_UP,
      step: addStock(0.18),
      alloyId: 'au14y',
    },
    {
      name: 're-tipping: wire_alloy',
      service: RETIP,
      step: {
        service: 'prong_retipping',
        stepId: 'retip',
        values: { method: 'torch', prongs_retipped: 2, metal_added_g: 0.04, wire_alloy: 'pt950' },
      },
      alloyId: 'pt950',
    },
    {
      name: 'solder: solder_alloy',
      service: CHAIN,
      step: {
        service: 'chain_soldering',
        stepId: 'solder',
        values: {
          join: 'hard_solder',
          links_joined: 1,
          metal_added_g: 0.02,
          solder_alloy: 'au14y',
        },
      },
      alloyId: 'au14y',
    },
    {
      name: 'solder of no stated alloy: none',
      service: CHAIN,
      step: {
        service: 'chain_soldering',
        stepId: 'solder',
        values: { join: 'hard_solder', links_joined: 1, metal_added_g: 0.02 },
      },
    },
    {
      name: 'casting: the service’s alloy, as its cut_off step names none',
      service: CASTING,
      step: {
        service: 'lost_wax_casting',
        stepId: 'cut_off',
        values: { button_weight_g: 12.4, good_weight_g: 6.31 },
      },
      alloyId: 'au18y',
    },
  ])('$name', ({ service, step, alloyId }) => {
    const lines = stepMetal(jobOf({ intakeG: 5, services: [service], steps: [step] }));
    expect(lines).toHaveLength(1);
    expect(lines[0]?.kind).toBe('added');
    expect(lines[0]?.alloyId).toBe(alloyId);
  });

  it('names the service and step the metal was recorded in', () => {
    const [line] = stepMetal(jobOf({ intakeG: 5, services: [SIZING_UP], steps: [addStock(0.18)] }));
    expect(line?.step).toBe('Ring sizing up: Cut and add stock, or stretch');
  });
});

describe('returnCheck: a weighing against the expected weight, on a scale of ±tolerance', () => {
  const ring = jobOf({ intakeG: 5.2, services: [SIZING_UP], steps: [addStock(0.18)] });

  it.each<{ returned: number; tolerance: number; difference: number; flag: string }>([
    { returned: 5.38, tolerance: 0.02, difference: 0, flag: 'within' },
    { returned: 5.36, tolerance: 0.02, difference: -0.02, flag: 'within' },
    { returned: 5.4, tolerance: 0.02, difference: 0.02, flag: 'within' },
    { returned: 5.35, tolerance: 0.02, difference: -0.03, flag: 'short' },
    { returned: 5.41, tolerance: 0.02, difference: 0.03, flag: 'over' },
    { returned: 5.0, tolerance: 0.02, difference: -0.38, flag: 'short' },
    { returned: 5.34, tolerance: 0.05, difference: -0.04, flag: 'within' },
    // Against intake alone this is +0.16 g: the stock added is not metal from nowhere.
    { returned: 5.36, tolerance: 0.1, difference: -0.02, flag: 'within' },
  ])(
    '$returned g at ±$tolerance g: $difference g, $flag',
    ({ returned, tolerance, difference, flag }) => {
      expect(returnCheck(ring, returned, tolerance)).toEqual({
        intakeG: 5.2,
        addedG: 0.18,
        removedG: 0,
        expectedG: 5.38,
        returnedG: returned,
        differenceG: difference,
        toleranceG: tolerance,
        flag,
      });
    },
  );

  it('does not flag float noise: 0.1 + 0.2 added, 1.3 g returned, on a scale of ±0', () => {
    const job = jobOf({
      intakeG: 1,
      services: [SIZING_UP],
      logged: [
        { kind: 'added', grams: 0.1 },
        { kind: 'added', grams: 0.2 },
      ],
    });
    expect(returnCheck(job, 1.3, 0)).toMatchObject({ differenceG: 0, flag: 'within' });
    expect(returnCheck(job, 1.31, 0)).toMatchObject({ differenceG: 0.01, flag: 'over' });
  });

  it('takes the latest return or check weighing, or none before the piece is weighed again', () => {
    expect(latestReturnCheck(ring, 0.02)).toBeNull();
    const weighed = jobOf({
      intakeG: 5.2,
      services: [SIZING_UP],
      steps: [addStock(0.18)],
      logged: [
        { kind: 'check', grams: 5.1 },
        { kind: 'return', grams: 5.37 },
      ],
    });
    expect(latestReturnCheck(weighed, 0.02)).toMatchObject({
      weighing: { kind: 'return', grams: 5.37 },
      expectedG: 5.38,
      differenceG: -0.01,
      flag: 'within',
    });
  });
});
