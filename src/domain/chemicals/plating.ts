// The rhodium plating checklist's plate step, read as a plating in a bath: its time, voltage and
// bath temperature come from the step's values (templates/rhodiumPlating.ts).
import type { ServiceKind, StepValues } from '../checklists';

/** The one step whose tick is a plating in a bath. */
export const RHODIUM_PLATE_STEP = {
  serviceKind: 'rhodium_plating',
  stepId: 'rhodium',
  secondsKey: 'rhodium_seconds',
  voltsKey: 'rhodium_volts',
  tempKey: 'bath_temp_c',
} as const satisfies { serviceKind: ServiceKind } & Record<string, string>;

export function isRhodiumPlateStep(serviceKind: string, stepId: string): boolean {
  return serviceKind === RHODIUM_PLATE_STEP.serviceKind && stepId === RHODIUM_PLATE_STEP.stepId;
}

export interface PlatingValues {
  seconds: number;
  volts: number;
  tempC?: number;
}

function numberOf(values: StepValues, key: string): number | undefined {
  const v = values[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/**
 * The plating the step's values describe, or the words saying what is missing. The step's own
 * check asks for these values first; this is said only of values that slipped past it.
 */
export function platingFromValues(values: StepValues): PlatingValues | string {
  const seconds = numberOf(values, RHODIUM_PLATE_STEP.secondsKey);
  const volts = numberOf(values, RHODIUM_PLATE_STEP.voltsKey);
  const tempC = numberOf(values, RHODIUM_PLATE_STEP.tempKey);
  if (seconds === undefined || seconds <= 0)
    return 'Enter the plating time to record it in the bath.';
  if (volts === undefined || volts < 0)
    return 'Enter the plating voltage to record it in the bath.';
  return tempC === undefined ? { seconds, volts } : { seconds, volts, tempC };
}
