// The form's state, kept in sessionStorage as it changes and restored on mount (intakeDraft.ts).
import { useCallback, useEffect, useState } from 'react';
import { emptyIntake, type IntakeForm } from './intakeForm';
import { keepDraft, loadDraft } from './intakeDraft';

export function useIntakeDraft() {
  const [start] = useState(() => {
    const draft = loadDraft();
    return { form: draft ?? emptyIntake(), restored: draft !== null };
  });
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

  return { form, change, replace, restored };
}
