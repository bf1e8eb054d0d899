// Words shown about a photo: its tag, who took it and when.
import { parseStamp } from '../../domain/clock';
import type { StaffMember } from '../../domain/staff';
import { PHOTO_TAG_LABELS, type PhotoTag } from '../../photos/tags';

export const NOT_HERE_YET = 'Photo on another tablet — it arrives with the next sync';
export const FETCHING = 'Fetching the photo from the shop server…';
export const FETCH_FAILED = 'This photo could not be fetched; Loupe tries again after a later sync';
export const THUMBNAIL_ONLY = 'Showing the thumbnail — the full photo is on its way';

export function tagLabel(tag: PhotoTag): string {
  return PHOTO_TAG_LABELS[tag];
}

export function whoTook(by: string, staff: readonly StaffMember[] | undefined): string {
  return staff?.find((s) => s.id === by)?.name ?? 'someone not on this tablet’s staff list';
}

/** The local date and time of a clock stamp, e.g. "23 Nov 2026, 10:04". */
export function whenTaken(at: string): string {
  try {
    return new Date(parseStamp(at).ms).toLocaleString(undefined, {
      dateStyle: 'medium',
      timeStyle: 'short',
    });
  } catch {
    return 'an unknown time';
  }
}
