// Renders the whole app at a route, as a person would meet it.
import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { App } from '../../src/App';

export function renderApp(path: string) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <App />
    </MemoryRouter>,
  );
}
