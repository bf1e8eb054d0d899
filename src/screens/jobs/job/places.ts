// The places a piece can be handed to. Ids are stored in custody events forever: never rename one.
import type { CustodyTarget } from '../../../domain/job';

export const PLACES: readonly CustodyTarget[] = [
  { kind: 'place', id: 'safe', label: 'Safe' },
  { kind: 'place', id: 'bench_1', label: 'Bench 1' },
  { kind: 'place', id: 'bench_2', label: 'Bench 2' },
  { kind: 'place', id: 'bench_3', label: 'Bench 3' },
  { kind: 'place', id: 'casting_room', label: 'Casting room' },
  { kind: 'place', id: 'plating', label: 'Plating' },
  { kind: 'place', id: 'polishing', label: 'Polishing' },
  { kind: 'place', id: 'front_counter', label: 'Front counter' },
  // DOMAIN.md ("Hand-offs"): work sent out is where pieces get lost; the note says who took it.
  { kind: 'place', id: 'outside', label: 'Outside setter/trade shop' },
];
