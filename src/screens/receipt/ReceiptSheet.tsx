// The pick-up receipt itself, as printed: the shop, the envelope, the customer and the piece, the
// dates, the services done with their warranty, the photos side by side, the metal and the stones,
// and both signatures. Everything from this tablet's IndexedDB, so it prints offline.
import type { ReactNode } from 'react';
import { dayText } from '../../domain/dates';
import type { JobState } from '../../domain/job';
import { returnCheck, weightBalance } from '../../domain/ledger/jobMetal';
import type { ServiceWarranty } from '../../domain/warranty';
import { fineDecimal } from '../jobs/job/format';
import { serviceName } from '../label/labelText';
import { ReceiptPhotos, ReceiptSignature } from './ReceiptImages';
import {
  conditionText,
  intakeStonesText,
  itemText,
  metalSumText,
  metalText,
  pickupStonesText,
  returnCheckText,
  stampText,
  stoneReasonText,
  warrantyText,
} from './receiptText';

export interface ReceiptSheetProps {
  job: JobState;
  shopName: string;
  warranties: readonly ServiceWarranty[];
  nameOf: (staffId: string) => string;
  /** The tolerance of the scale the piece was weighed back on. */
  toleranceG: number;
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function ReceiptSheet({ job, shopName, warranties, nameOf, toleranceG }: ReceiptSheetProps) {
  const collected = job.status === 'collected';
  const balance = weightBalance(job);
  const returned = job.weights.findLast((w) => w.kind === 'return') ?? null;
  const check = returned ? returnCheck(job, returned.grams, toleranceG) : null;
  const reason = stoneReasonText(job);
  const byId = new Map(job.services.map((s) => [s.id, s]));

  return (
    <article
      className={collected ? 'receipt-sheet' : 'receipt-sheet receipt-draft'}
      aria-label={`Pick-up receipt, envelope ${job.envelopeNumber}`}
    >
      <header className="receipt-head">
        <p className="receipt-shop">{shopName}</p>
        <h2>{collected ? 'Pick-up receipt' : 'Draft pick-up receipt'}</h2>
        <p className="receipt-envelope">
          Envelope <strong>{job.envelopeNumber}</strong>
          {job.part && ` · job ${job.part.index} of ${job.part.of}`}
        </p>
        {!collected && (
          <p className="receipt-draft-mark">DRAFT — the piece has not been collected yet.</p>
        )}
      </header>

      <dl className="receipt-facts">
        <Fact term="Customer">
          {job.customer.name}
          {job.customer.phone && ` · ${job.customer.phone}`}
        </Fact>
        <Fact term="Item">{itemText(job)}</Fact>
        <Fact term="Metal and stamps">{metalText(job)}</Fact>
        <Fact term="Condition at intake">{conditionText(job)}</Fact>
        <Fact term="Taken in">
          {stampText(job.opened.at)} by {nameOf(job.opened.by)}
        </Fact>
        <Fact term="Promised">{dayText(job.promisedDate)}</Fact>
        <Fact term="Collected">
          {collected ? (
            <>
              {stampText(job.statusChanged.at)}, handed over by {nameOf(job.statusChanged.by)}
            </>
          ) : (
            'Not collected yet'
          )}
        </Fact>
      </dl>

      <section className="receipt-section" aria-labelledby="receipt-services">
        <h3 id="receipt-services">{collected ? 'Services done' : 'Services'}</h3>
        {warranties.length === 0 ? (
          <p className="receipt-none">No services.</p>
        ) : (
          <table className="receipt-table">
            <tbody>
              {warranties.map((w) => {
                const service = byId.get(w.serviceId);
                return (
                  <tr key={w.serviceId}>
                    <th scope="row">{serviceName(service?.kind ?? w.kind)}</th>
                    <td>{warrantyText(w)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      <section className="receipt-section" aria-labelledby="receipt-photos">
        <h3 id="receipt-photos">The piece</h3>
        <ReceiptPhotos job={job} />
      </section>

      <div className="receipt-pair">
        <section className="receipt-section" aria-labelledby="receipt-weights">
          <h3 id="receipt-weights">Metal weight</h3>
          <table className="receipt-table">
            <tbody>
              <tr>
                <th scope="row">At intake</th>
                <td>{fineDecimal(balance.intakeG)} g</td>
              </tr>
              {balance.addedG > 0 && (
                <tr>
                  <th scope="row">Added at the bench</th>
                  <td>{fineDecimal(balance.addedG)} g</td>
                </tr>
              )}
              {balance.removedG > 0 && (
                <tr>
                  <th scope="row">Removed at the bench</th>
                  <td>{fineDecimal(balance.removedG)} g</td>
                </tr>
              )}
              <tr>
                <th scope="row">Expected back</th>
                <td>
                  {fineDecimal(balance.expectedG)} g ({metalSumText(balance)})
                </td>
              </tr>
              <tr>
                <th scope="row">Returned</th>
                <td>{returned ? `${fineDecimal(returned.grams)} g` : 'Not weighed back yet'}</td>
              </tr>
            </tbody>
          </table>
          {check && (
            <p className="receipt-check" aria-label="Return weight check">
              {returnCheckText(check)}
            </p>
          )}
        </section>

        <section className="receipt-section" aria-labelledby="receipt-stones">
          <h3 id="receipt-stones">Stones</h3>
          <table className="receipt-table">
            <tbody>
              <tr>
                <th scope="row">At intake</th>
                <td>{intakeStonesText(job)}</td>
              </tr>
              <tr>
                <th scope="row">Counted at pick-up</th>
                <td>{pickupStonesText(job)}</td>
              </tr>
              {reason && (
                <tr>
                  <th scope="row">Why it differs</th>
                  <td>{reason}</td>
                </tr>
              )}
            </tbody>
          </table>
        </section>
      </div>

      <section className="receipt-section receipt-signatures" aria-labelledby="receipt-signed">
        <h3 id="receipt-signed">Signatures</h3>
        <div className="receipt-signature-pair">
          <ReceiptSignature
            sha256={job.intakeSignatureSha256}
            label="Customer’s signature at intake"
          />
          <div className="receipt-received">
            <p className="receipt-received-line">
              Received the piece above in the condition shown.
            </p>
            <ReceiptSignature
              sha256={collected ? job.pickupSignatureSha256 : undefined}
              label="Customer’s signature at pick-up"
            />
          </div>
        </div>
      </section>
    </article>
  );
}
