// Settings: how much this tablet stores, and a way to ask the browser to keep it.
import { useEffect, useState } from 'react';
import {
  askPersistentStorage,
  storageReport,
  usePhotoStorageSummary,
  type StorageReport,
} from '../../db';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit] ?? 'TB'}`;
}

export function StorageSection() {
  const [report, setReport] = useState<StorageReport | null>(null);
  const photos = usePhotoStorageSummary();
  const refresh = () => {
    void storageReport().then(setReport);
  };
  useEffect(refresh, []);
  if (!report) return null;

  return (
    <section className="settings-section" aria-labelledby="storage-heading">
      <h3 id="storage-heading">Storage on this tablet</h3>
      <p>
        {report.jobs} jobs, {report.events} recorded changes, {report.photos} photos;{' '}
        {report.waitingForServer} changes waiting for the shop server.
      </p>
      {photos && photos.count > 0 && (
        <p>
          Photos take {formatBytes(photos.bytes)}
          {photos.notUploaded > 0
            ? `; ${photos.notUploaded} of them are not on the shop server yet.`
            : '.'}
        </p>
      )}
      <p>
        {report.usedBytes !== null && report.quotaBytes !== null
          ? `Using ${formatBytes(report.usedBytes)} of ${formatBytes(report.quotaBytes)} available.`
          : 'This browser does not say how much storage is available.'}
      </p>
      <p>
        {report.persisted
          ? 'The browser has promised to keep Loupe’s data.'
          : 'The browser may clear Loupe’s data when space runs low. On an iPad, add Loupe to the home screen.'}
      </p>
      {!report.persisted && (
        <button
          type="button"
          className="button"
          onClick={() => void askPersistentStorage().then(refresh)}
        >
          Ask to keep data
        </button>
      )}
    </section>
  );
}
