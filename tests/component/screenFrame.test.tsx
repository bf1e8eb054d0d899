// A screen loaded on demand: a quiet wait, then the screen; a plain way out when its code cannot
// be fetched; any other fault is not hidden as one.
import { render, screen } from '@testing-library/react';
import { Component, lazy, type ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ScreenFrame } from '../../src/components/ScreenFrame';

class Outer extends Component<{ children: ReactNode }, { caught: string | null }> {
  override state = { caught: null as string | null };
  static getDerivedStateFromError(error: Error) {
    return { caught: error.message };
  }
  override render() {
    return this.state.caught === null ? (
      this.props.children
    ) : (
      <p>outer caught {this.state.caught}</p>
    );
  }
}

function framed(screenContent: ReactNode) {
  return render(
    <MemoryRouter initialEntries={['/somewhere']}>
      <Outer>
        <ScreenFrame>{screenContent}</ScreenFrame>
      </Outer>
    </MemoryRouter>,
  );
}

describe('ScreenFrame', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('shows the screen once its code has come', async () => {
    const Screen = lazy(() => Promise.resolve({ default: () => <h2>Casting room</h2> }));
    framed(<Screen />);
    expect(screen.getByRole('status')).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'Casting room' })).toBeTruthy();
  });

  it('offers to try again when the screen’s code cannot be fetched', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const Screen = lazy(() =>
      Promise.reject(new TypeError('Failed to fetch dynamically imported module: /assets/x.js')),
    );
    framed(<Screen />);
    expect(
      await screen.findByRole('heading', { name: 'This screen could not be opened' }),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('lets any other fault through, as before screens were lazy', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    function Broken(): ReactNode {
      throw new Error('a bug in the screen');
    }
    framed(<Broken />);
    expect(await screen.findByText('outer caught a bug in the screen')).toBeTruthy();
    expect(screen.queryByText('This screen could not be opened')).toBeNull();
  });
});
