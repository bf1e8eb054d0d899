// A failure said in words where it happened: read out by a screen reader, nothing while all is well.
export function ErrorLine({
  error,
  className,
}: {
  error: string | null | undefined;
  /** A screen's own spacing, beside the shared `error` look. */
  className?: string;
}) {
  if (!error) return null;
  return (
    <p className={className ? `error ${className}` : 'error'} role="alert">
      {error}
    </p>
  );
}
