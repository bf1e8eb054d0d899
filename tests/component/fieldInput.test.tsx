// A ring size field shows the size it is given (a restored draft, a stored step) in its box.
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { FieldInput } from '../../src/components/fields/FieldInput';
import type { FieldTemplate, StepValue } from '../../src/domain/checklists';
import { ringSizeViews, usToMm } from '../../src/domain/ringSizes';

const SIZE: FieldTemplate = {
  key: 'final_size',
  label: 'Final size',
  required: true,
  kind: 'ringSize',
};

/** The field as a step or the intake form holds it: the value lives above it. */
function Holder({
  start,
  onValue,
}: {
  start: StepValue | undefined;
  onValue: (v: StepValue | undefined) => void;
}) {
  const [value, setValue] = useState(start);
  return (
    <FieldInput
      field={SIZE}
      value={value}
      onChange={(v) => {
        setValue(v);
        onValue(v);
      }}
      jobId="job-1"
    />
  );
}

const box = () => screen.getByLabelText<HTMLInputElement>('Final size');

describe('Ring size field', () => {
  it('starts its box from a stored size, in US quarter sizes, without changing the value', () => {
    const onValue = vi.fn();
    const mm = usToMm(7.5);
    render(<Holder start={mm} onValue={onValue} />);
    expect(box().value).toBe('7½');
    expect(ringSizeViews(mm).us).toBe('7½');
    expect(screen.getByText(/US 7½ · UK/)).toBeTruthy();
    expect(onValue).not.toHaveBeenCalled();
  });

  it('shows a stored size in the system the person switches to; typing reads it as before', async () => {
    const user = userEvent.setup({ delay: null });
    const onValue = vi.fn();
    const mm = usToMm(7);
    const views = ringSizeViews(mm);
    render(<Holder start={mm} onValue={onValue} />);

    await user.click(screen.getByRole('radio', { name: 'UK' }));
    expect(box().value).toBe(views.uk);
    await user.click(screen.getByRole('radio', { name: 'MM' }));
    expect(box().value).toBe(String(views.mm));
    await user.click(screen.getByRole('radio', { name: 'JP' }));
    expect(box().value).toBe(String(views.jp));
    // Only shown in another system: the measurement itself is untouched (a rounded view is not it).
    expect(onValue).not.toHaveBeenCalled();

    await user.click(screen.getByRole('radio', { name: 'US' }));
    await user.clear(box());
    await user.type(box(), '8');
    expect(onValue).toHaveBeenLastCalledWith(usToMm(8));
    // Typed text is read again in a newly chosen system, as it always was.
    await user.click(screen.getByRole('radio', { name: 'MM' }));
    expect(box().value).toBe('8');
    expect(screen.getByText(/is outside the inner diameters/)).toBeTruthy();
    expect(onValue).toHaveBeenLastCalledWith(undefined);
  });

  it('starts empty with no size, and with a size out of range', () => {
    const { unmount } = render(<Holder start={undefined} onValue={vi.fn()} />);
    expect(box().value).toBe('');
    unmount();
    render(<Holder start={40} onValue={vi.fn()} />);
    expect(box().value).toBe('');
  });
});
