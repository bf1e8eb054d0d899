// Reads of the rhodium bath log and the chemical waste log, and the live-query hooks over them.
import { useLiveQuery } from 'dexie-react-hooks';
import type { BathPlating, BathState } from '../domain/chemicals/bathState';
import { activeBaths, isMade, newestFirst, type MadeBath } from '../domain/chemicals/bathUse';
import { emptyWaste, type WasteState } from '../domain/chemicals/wasteState';
import type { EquipmentState } from '../domain/equipment/equipmentState';
import { WASTE_STREAM_ID } from '../protocol/streams';
import { db as appDb } from './db';
import { envelopeNumbers } from './ledgerQueries';
import type { LoupeDB } from './LoupeDB';

/**
 * Every bath in the log, most recently made first. A shop keeps a handful of baths a year, so the
 * whole table is read; a bath whose bath.made has not arrived yet (only platings synced) is left out.
 */
export async function listBaths(db: LoupeDB): Promise<MadeBath[]> {
  return newestFirst((await db.baths.toArray()).filter(isMade));
}

/** The baths a plating may go in now, most recently made first. */
export async function listActiveBaths(db: LoupeDB): Promise<MadeBath[]> {
  return activeBaths(await db.baths.toArray());
}

export async function getBath(db: LoupeDB, bathId: string): Promise<BathState | null> {
  return (await db.baths.get(bathId)) ?? null;
}

/** The waste log: empty until its first entry is stored. */
export async function getWasteLog(db: LoupeDB): Promise<WasteState> {
  return (await db.waste.get(WASTE_STREAM_ID)) ?? emptyWaste();
}

export interface ServicePlating {
  bath: MadeBath;
  plating: BathPlating;
}

/** The platings recorded for one service of a job, oldest first: which bath its plate went in. */
export async function platingsOfService(
  db: LoupeDB,
  jobId: string,
  serviceId: string,
): Promise<ServicePlating[]> {
  const found: ServicePlating[] = [];
  for (const bath of await listBaths(db)) {
    for (const plating of bath.platings) {
      if (plating.jobId === jobId && plating.serviceId === serviceId) found.push({ bath, plating });
    }
  }
  return found.sort((a, b) =>
    a.plating.at < b.plating.at ? -1 : a.plating.at > b.plating.at ? 1 : 0,
  );
}

/** The rectifiers and plating tanks in the registry a bath may run in (not retired). */
export async function listPlatingMachines(db: LoupeDB): Promise<EquipmentState[]> {
  const machines = await db.equipment.toArray();
  return machines
    .filter((m) => {
      const kind = m.fields?.kind;
      return (
        (kind === 'rhodium_rectifier' || kind === 'plating_bath') && m.fields?.retired !== true
      );
    })
    .sort((a, b) => (a.fields?.name ?? '').localeCompare(b.fields?.name ?? ''));
}

export function useBaths(): MadeBath[] | undefined {
  return useLiveQuery(() => listBaths(appDb), []);
}

/** The active baths, live; `enabled` false reads nothing (a checklist step that is not a plate). */
export function useActiveBaths(enabled = true): MadeBath[] | undefined {
  return useLiveQuery(() => (enabled ? listActiveBaths(appDb) : Promise.resolve([])), [enabled]);
}

/** One bath, live; null once read when this tablet has no such bath. */
export function useBath(bathId: string): BathState | null | undefined {
  return useLiveQuery(() => getBath(appDb, bathId), [bathId]);
}

export function useWasteLog(): WasteState | undefined {
  return useLiveQuery(() => getWasteLog(appDb), []);
}

export function usePlatingsOfService(
  jobId: string,
  serviceId: string,
): ServicePlating[] | undefined {
  return useLiveQuery(() => platingsOfService(appDb, jobId, serviceId), [jobId, serviceId]);
}

export function usePlatingMachines(): EquipmentState[] | undefined {
  return useLiveQuery(() => listPlatingMachines(appDb), []);
}

/** Any machine's name by id, for a bath's "runs in" line (a retired machine is still named). */
export function useMachineName(equipmentId: string | undefined): string | null | undefined {
  return useLiveQuery(
    async () =>
      equipmentId === undefined
        ? null
        : ((await appDb.equipment.get(equipmentId))?.fields?.name ?? null),
    [equipmentId],
  );
}

/** The envelope numbers of these jobs, by job id, live (a job not on this tablet is left out). */
export function useEnvelopeNumbersOf(
  jobIds: readonly string[],
): Readonly<Record<string, string>> | undefined {
  const key = [...new Set(jobIds)].sort().join(' ');
  return useLiveQuery(() => envelopeNumbers(appDb, key === '' ? [] : key.split(' ')), [key]);
}
