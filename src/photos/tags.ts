// Names of photo tags as the bench reads them.
import { PHOTO_TAGS, type PhotoTag } from '../protocol/events';

export const PHOTO_TAG_LABELS: Record<PhotoTag, string> = {
  intake: 'Intake',
  before: 'Before',
  after: 'After',
  qc: 'QC',
  damage: 'Damage',
  stone_layout: 'Stone layout',
  pickup: 'Pick-up',
};

export { PHOTO_TAGS, type PhotoTag };
