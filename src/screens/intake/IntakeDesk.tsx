// The take-in form at the counter, for the person signed in: fill, check, sign, save, print.
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { JobPhotos } from '../../components/photos/JobPhotos';
import { PhotoCapture } from '../../components/photos/PhotoCapture';
import { db, openJob } from '../../db';
import { localDay } from '../../domain/dates';
import type { StaffMember } from '../../domain/staff';
import { storePickedPhoto } from '../../photos/storePickedPhoto';
import { ConditionSection } from './ConditionSection';
import { CustomerSection } from './CustomerSection';
import { EnvelopeSection } from './EnvelopeSection';
import { clearDraft } from './intakeDraft';
import {
  emptyIntake,
  FIELD,
  isEmptyIntake,
  nextPieceOf,
  toOpenJobInput,
  type IntakeForm,
  type IntakeProblem,
} from './intakeForm';
import { ItemSection } from './ItemSection';
import { ProblemSummary } from './ProblemSummary';
import { PromiseSection } from './PromiseSection';
import { SavedPanel, type SavedJob } from './SavedPanel';
import { saveProblems } from './saveErrors';
import { ServicesSection } from './ServicesSection';
import { SignatureSection } from './SignatureSection';
import { useIntakeDraft, withScannedEnvelope } from './useIntakeDraft';
import { ValuesSection } from './ValuesSection';
import { WeightSection } from './WeightSection';

/** Focuses the control of a form field: its input first, else the element itself or its first button. */
function focusField(root: HTMLElement | null, field: string): void {
  const el = root?.querySelector<HTMLElement>(`[data-field="${field}"]`);
  if (!el) return;
  const target = el.hasAttribute('tabindex')
    ? el
    : (el.querySelector<HTMLElement>('input, select, textarea') ??
      el.querySelector<HTMLElement>('button'));
  (target ?? el).focus();
}

export function IntakeDesk({ staff }: { staff: StaffMember }) {
  // The scanner's "Open a new job on envelope X" comes here as /intake?envelope=X.
  const [params, setParams] = useSearchParams();
  const { form, change, replace, restored, replacedCode } = useIntakeDraft(params.get('envelope'));
  // The strokes, until Save files them under the job; the form only knows whether there are any.
  const [signature, setSignature] = useState<Blob | null>(null);
  const [attempted, setAttempted] = useState(false);
  const [refusal, setRefusal] = useState<IntakeProblem[] | null>(null);
  const [busy, setBusy] = useState(false);
  // Clearing a whole take-in is two taps: a glove brushing one button must not lose it.
  const [confirmClear, setConfirmClear] = useState(false);
  const [saved, setSaved] = useState<{ job: SavedJob; form: IntakeForm } | null>(null);
  // A gloved double tap lands twice before the button re-renders disabled: open the job once.
  const saving = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);

  // Read into the form (and so the draft), then dropped from the address: a reload or a later
  // intake must not bring the envelope back after its job was saved. A scan made on this screen
  // (the header's scanner sheet) arrives here while the form is open: it sets the envelope too,
  // and goes past the "job opened" panel of the last piece, since it starts the next one. Set while
  // rendering (React's way to follow a changed input), so the form never shows without it.
  const envelopeParam = params.get('envelope');
  const [takenParam, setTakenParam] = useState(envelopeParam);
  if (envelopeParam !== takenParam) {
    setTakenParam(envelopeParam);
    if (envelopeParam !== null) {
      change((f) => withScannedEnvelope(f, envelopeParam));
      setSaved(null);
    }
  }
  useEffect(() => {
    if (envelopeParam === null) return;
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        next.delete('envelope');
        return next;
      },
      { replace: true },
    );
  }, [envelopeParam, setParams]);

  const today = localDay();
  const check = toOpenJobInput(form, { today });
  // Fields are marked only once Save was tapped: a blank form is not a form full of errors.
  const problems = attempted && !check.ok ? check.problems : [];
  const shown = refusal ?? problems;
  const problemOf = (field: string): string | undefined => {
    const messages = shown.filter((p) => p.field === field).map((p) => p.message);
    return messages.length === 0 ? undefined : messages.join(' ');
  };
  const start = (next: IntakeForm) => {
    replace(next);
    setSignature(null);
    setAttempted(false);
    setRefusal(null);
    setConfirmClear(false);
  };

  const save = async () => {
    if (saving.current) return;
    setAttempted(true);
    setRefusal(null);
    if (!check.ok || signature === null) {
      // Signed but no strokes cannot happen (they change together); if it did, ask for a signature.
      if (signature === null) change((f) => ({ ...f, signed: false }));
      // Wait for the summary to render before moving to it.
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    saving.current = true;
    setBusy(true);
    try {
      const signatureSha256 = await storePickedPhoto(form.jobId, signature);
      const result = await openJob(db, { ...check.input, signatureSha256 }, staff.id);
      clearDraft();
      setSaved({
        job: {
          ...result,
          preprinted: check.input.preprintedCode !== undefined,
          customerName: check.input.customer.name,
          part: check.input.part ?? null,
        },
        form,
      });
      start(emptyIntake());
    } catch (err) {
      setRefusal(saveProblems(err, form));
      requestAnimationFrame(() => summaryRef.current?.focus());
    } finally {
      saving.current = false;
      setBusy(false);
    }
  };

  if (saved) {
    const { part } = saved.job;
    return (
      <SavedPanel
        saved={saved.job}
        onNextPiece={
          part && part.index < part.of
            ? () => {
                start(nextPieceOf(saved.form));
                setSaved(null);
              }
            : null
        }
        onNewIntake={() => {
          setSaved(null);
        }}
      />
    );
  }

  const sectionProps = { form, change, problem: problemOf };
  return (
    <form
      ref={formRef}
      className="intake-form"
      aria-label="Take in a piece"
      noValidate
      // Save is its own button: Enter in a field (or a scanner's Enter) never submits the form.
      onSubmit={(e) => {
        e.preventDefault();
      }}
    >
      {/* The sections scroll; the save bar below them does not, so it never covers the form's end
          (the customer's "Signed.") and is always in reach. */}
      <div className="intake-fields">
        {restored && (
          <div className="intake-notice intake-restored" role="status">
            <span>
              Draft restored: everything typed before the reload is back.
              {replacedCode !== null && (
                <> The envelope is the one just scanned, not {replacedCode} as in the draft.</>
              )}
            </span>
            <button
              type="button"
              className="button"
              onClick={() => {
                start(emptyIntake());
              }}
            >
              Start over
            </button>
          </div>
        )}
        <ProblemSummary
          ref={summaryRef}
          problems={shown}
          refused={refusal !== null}
          onGoTo={(field) => {
            focusField(formRef.current, field);
          }}
        />
        <EnvelopeSection
          {...sectionProps}
          onCodeEntered={() => {
            nameRef.current?.focus();
          }}
        />
        <CustomerSection {...sectionProps} nameRef={nameRef} />
        <ItemSection {...sectionProps} />
        <ConditionSection {...sectionProps} />
        <section className="intake-section" aria-labelledby="intake-photos">
          <h2 id="intake-photos">Photos of the piece</h2>
          <p className="hint">
            Photograph the piece as it came in, worn prongs, chips and scratches up close: condition
            photos protect the shop when the piece goes back.
          </p>
          <PhotoCapture
            jobId={form.jobId}
            defaultTag="intake"
            onSaved={() => {
              change((f) => (f.photosTaken ? f : { ...f, photosTaken: true }));
            }}
          />
          <JobPhotos jobId={form.jobId} title="" />
        </section>
        <WeightSection {...sectionProps} />
        <ServicesSection {...sectionProps} />
        <ValuesSection {...sectionProps} />
        <PromiseSection {...sectionProps} today={today} />
        <SignatureSection
          jobId={form.jobId}
          signed={form.signed}
          restored={restored}
          problem={problemOf(FIELD.signature)}
          onChange={(blob) => {
            setSignature(blob);
            change((f) => ({ ...f, signed: blob !== null }));
          }}
        />
      </div>
      <div className="intake-actions">
        <span className="intake-actor">Taken in by {staff.name}</span>
        {!isEmptyIntake(form) && (
          <button
            type="button"
            className={confirmClear ? 'button intake-danger' : 'button'}
            onClick={() => {
              if (confirmClear) start(emptyIntake());
              else setConfirmClear(true);
            }}
          >
            {confirmClear ? 'Tap again to clear everything' : 'Clear form'}
          </button>
        )}
        <button
          type="button"
          className="button button-primary intake-save"
          disabled={busy}
          onClick={() => {
            void save();
          }}
        >
          {busy ? 'Saving…' : 'Save and open job'}
        </button>
      </div>
    </form>
  );
}
