// The form's state, kept in sessionStorage as it changes and restored on mount (intakeDraft.ts).
import { useCallback, useEffect, useState } from 'react';
import { emptyIntake, type IntakeForm } from './intakeForm';
import { keepDraft, loadDraft } from './intakeDraft';

/** Longer than any envelope code (the check names the limit); a mangled link cannot fill the form. */
const ENVELOPE_PARAM_MAX = 200;

export interface IntakeStart {
  form: IntakeForm;
  /** The form came back from a draft. */
  restored: boolean;
  /** The draft's envelope code the scanned envelope replaced, when it had a different one. */
  replacedCode: string | null;
}

/**
 * Where the form starts: the kept draft or a blank form, and, when the scanner sent the person here
 * to open a job on a pre-printed envelope (`/intake?envelope=CODE`), that envelope.
 *
 * With a draft, the envelope from the link wins for the envelope field only (mode and code; the
 * draft's "job N of M" stays): the person just scanned the envelope in their hand, so that is the
 * one the piece goes in, while everything else typed for the customer at the counter is kept.
 */
export function startIntake(draft: IntakeForm | null, envelopeParam: string | null): IntakeStart {
  const form = draft ?? emptyIntake();
  const next = withScannedEnvelope(form, envelopeParam);
  const before = form.envelope.mode === 'preprinted' ? form.envelope.code.trim() : '';
  const after = next.envelope.code.trim();
  return {
    form: next,
    restored: draft !== null,
    replacedCode: draft !== null && before !== '' && before !== after ? before : null,
  };
}

/**
 * The form on the pre-printed envelope `?envelope=` names: its mode and code, nothing else. The
 * same form (not a copy) when there is no code or it is already the form's, so nothing re-renders.
 */
export function withScannedEnvelope(form: IntakeForm, envelopeParam: string | null): IntakeForm {
  const code = (envelopeParam ?? '').trim().slice(0, ENVELOPE_PARAM_MAX);
  if (code === '') return form;
  if (form.envelope.mode === 'preprinted' && form.envelope.code === code) return form;
  return { ...form, envelope: { ...form.envelope, mode: 'preprinted', code } };
}

export function useIntakeDraft(envelopeParam: string | null = null) {
  const [start] = useState(() => startIntake(loadDraft(), envelopeParam));
  const [form, setForm] = useState<IntakeForm>(start.form);
  const [restored, setRestored] = useState(start.restored);

  useEffect(() => {
    keepDraft(form);
  }, [form]);

  const change = useCallback((update: (form: IntakeForm) => IntakeForm) => {
    setForm(update);
  }, []);
  /** A new form (after a save, or starting over): the old draft is gone with it. */
  const replace = useCallback((next: IntakeForm) => {
    setForm(next);
    setRestored(false);
  }, []);

  return { form, change, replace, restored, replacedCode: start.replacedCode };
}
