// Scanning a job envelope's QR code opens its job.
import { EmptyState } from '../../components/EmptyState';

export function ScanScreen() {
  return (
    <EmptyState title="Scan an envelope">
      <p>
        Point the tablet's camera at the QR code on a job envelope to open the job. A USB or
        Bluetooth scanner will work from any screen.
      </p>
    </EmptyState>
  );
}
