// The job link an envelope's QR code carries: what the bench scanner reads and a phone's camera opens.

/** The path of a job link; group 1 is the job id (a ULID, upper-case Crockford base32). */
export const JOB_LINK_PATH_PATTERN = /^\/j\/([0-9A-HJKMNP-TV-Z]{26})$/;

/**
 * The link to a job on this shop's Loupe: `${origin}/j/${jobId}`. `origin` is scheme, host and port
 * with no trailing slash (window.location.origin), so the same label opens the job on any tablet or
 * phone that reaches the shop server at that address.
 */
export function jobLinkUrl(origin: string, jobId: string): string {
  return `${origin}/j/${jobId}`;
}
