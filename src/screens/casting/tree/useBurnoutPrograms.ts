// The burnout programs a run may use (built-in and the shop's own), the ones for this flask first.
import { useEffect, useState } from 'react';
import { burnoutPrograms, db, useShop } from '../../../db';
import type { FlaskSizeId } from '../../../domain/casting/burnout';
import type { BurnoutProgramData } from '../../../protocol/casting';

/** `undefined` while read; read again when the shop's settings change (a program added or retired). */
export function useBurnoutPrograms(
  flaskSize: FlaskSizeId | undefined,
): BurnoutProgramData[] | undefined {
  const [programs, setPrograms] = useState<BurnoutProgramData[] | undefined>(undefined);
  const shopVersion = useShop()?.lastEventId;
  useEffect(() => {
    let live = true;
    void burnoutPrograms(db).then((list) => {
      if (live) setPrograms(list);
    });
    return () => {
      live = false;
    };
    // shopVersion is the signal, not an input: burnoutPrograms reads the shop itself.
  }, [shopVersion]);
  if (programs === undefined) return undefined;
  const forFlask = (p: BurnoutProgramData) =>
    flaskSize !== undefined && p.flaskSizes.includes(flaskSize) ? 0 : 1;
  // A stable sort: the built-in order (6 h, 8 h, 12 h, stone-in-place) and the shop's stay as listed.
  return programs.slice().sort((a, b) => forFlask(a) - forFlask(b));
}
