// A screen that claims the wedge scans holds the claim from the moment it shows: a scan that
// arrives as soon as the screen is on the page goes to it, never to the app-wide scanner.
import { render, screen } from '@testing-library/react';
import { useEffect, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { scanClaimant, useScanClaim } from '../../src/stores/scanClaimStore';

function Claiming({ onScan }: { onScan: (text: string) => void }) {
  useScanClaim(onScan);
  return <p>Scan an envelope</p>;
}

/** Shows the claiming screen after data arrives, as a screen does after its first query. */
function Later({ onScan }: { onScan: (text: string) => void }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    void Promise.resolve().then(() => {
      setReady(true);
    });
  }, []);
  return ready ? <Claiming onScan={onScan} /> : <p>Loading</p>;
}

describe('useScanClaim', () => {
  it('has claimed the scans by the time its screen is found on the page, and lets go on unmount', async () => {
    const scans: string[] = [];
    const { unmount } = render(<Later onScan={(text) => scans.push(text)} />);
    await screen.findByText('Scan an envelope');
    const claimant = scanClaimant();
    expect(claimant).not.toBeNull();
    claimant?.('K7-0042');
    expect(scans).toEqual(['K7-0042']);
    unmount();
    expect(scanClaimant()).toBeNull();
  });

  it('hands a scan to the handler of the latest render', async () => {
    const seen: string[] = [];
    const { rerender } = render(<Claiming onScan={(t) => seen.push(`first ${t}`)} />);
    rerender(<Claiming onScan={(t) => seen.push(`second ${t}`)} />);
    await screen.findByText('Scan an envelope');
    scanClaimant()?.('K7-0043');
    expect(seen).toEqual(['second K7-0043']);
  });
});
