// The pick-up receipt of a job (/jobs/:jobId/receipt): shown on screen, printed or saved as a PDF
// through the browser's print dialog. Read from this tablet alone, so it works with no network.
import { Link, useParams } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { useJob, useShop, useShopName, useStaff } from '../../db';
import { localDay } from '../../domain/dates';
import { jobWarranty } from '../../domain/warranty';
import { useStaffNames } from '../jobs/job/useStaffNames';
import { useScaleToleranceG } from '../jobs/job/weights';
import { ReceiptSheet } from './ReceiptSheet';
import './receipt.css';

export function ReceiptScreen() {
  const { jobId = '' } = useParams();
  const job = useJob(jobId);
  const shopName = useShopName();
  const shop = useShop();
  const people = useStaff();
  const nameOf = useStaffNames(people ?? []);
  const toleranceG = useScaleToleranceG();

  if (job === null) {
    return (
      <EmptyState title="No such job on this tablet">
        <p>
          This tablet does not have job {jobId}. If it was opened on another tablet, it will appear
          once the two have synced.
        </p>
        <p>
          <Link to="/jobs" className="button">
            Back to jobs
          </Link>
        </p>
      </EmptyState>
    );
  }
  // Waits for the shop and the staff list too: a receipt printed with ids for names, or the
  // built-in warranty days where the shop set its own, would be wrong on paper.
  if (job === undefined || shop === undefined || people === undefined) {
    return <p className="muted">Opening the receipt…</p>;
  }

  const collected = job.status === 'collected';
  const warranties = jobWarranty(job, shop.warrantyDays, localDay());
  return (
    <section className="receipt-screen" aria-label="Pick-up receipt">
      <div className="receipt-toolbar no-print">
        <Link to={`/jobs/${job.id}`} className="button">
          Back to job
        </Link>
        <button type="button" className="button button-primary" onClick={() => window.print()}>
          Print / Save as PDF
        </button>
      </div>
      <p className="receipt-hint no-print">
        To keep a PDF, choose “Save as PDF” as the printer in the print dialog.
      </p>
      {!collected && (
        <p className="receipt-note no-print" role="note">
          <strong>Not collected yet.</strong> This is a draft: the receipt is complete once the
          piece is marked collected, with the pick-up photo, the return weight and the customer’s
          signature.
        </p>
      )}
      {job.voided && (
        <p className="receipt-note no-print" role="alert">
          This job was voided ({job.voided.reason}): there is no pick-up to give a receipt for.
        </p>
      )}
      <ReceiptSheet
        job={job}
        shopName={shopName ?? ''}
        warranties={warranties}
        nameOf={nameOf}
        toleranceG={toleranceG}
      />
    </section>
  );
}
