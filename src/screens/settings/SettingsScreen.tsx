// Shop settings kept on this tablet: the shop name, staff, casting, scales, pairing, storage, version.
import { useState, type SyntheticEvent } from 'react';
import { saveShopName, useShopName } from '../../db';
import { SHOP_NAME_MAX_LENGTH } from '../../domain/shop';
import { CastingSettingsSection } from './CastingSettingsSection';
import { CostingSection } from './CostingSection';
import { NoticesSection } from './NoticesSection';
import { PairingSection } from './PairingSection';
import { ScalesSection } from './ScalesSection';
import { StaffSection } from './StaffSection';
import { StorageSection } from './StorageSection';
import { TradeShopsSection } from './TradeShopsSection';
import { WarrantySection } from './WarrantySection';
import './settings.css';

export function SettingsScreen() {
  const shopName = useShopName();
  return (
    <section className="screen">
      <h2>Settings</h2>
      {/* Mounted once the saved name is read, so the draft starts from it. */}
      {shopName !== undefined && <ShopNameForm current={shopName} />}
      <StaffSection />
      <CastingSettingsSection />
      <ScalesSection />
      <TradeShopsSection />
      <WarrantySection />
      <CostingSection />
      <NoticesSection />
      <PairingSection />
      <StorageSection />
      <p className="muted">Loupe version {__LOUPE_VERSION__}</p>
    </section>
  );
}

function ShopNameForm({ current }: { current: string }) {
  const [draft, setDraft] = useState(current);
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null);

  async function submit(event: SyntheticEvent) {
    event.preventDefault();
    try {
      const saved = await saveShopName(draft);
      setMessage({ kind: 'ok', text: `Saved: ${saved}` });
    } catch (err) {
      setMessage({ kind: 'error', text: err instanceof Error ? err.message : String(err) });
    }
  }

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate>
      <label className="field">
        <span>Shop name</span>
        <input
          value={draft}
          maxLength={SHOP_NAME_MAX_LENGTH + 20}
          onChange={(e) => {
            setDraft(e.target.value);
          }}
          aria-invalid={message?.kind === 'error'}
        />
      </label>
      <button type="submit" className="button button-primary">
        Save
      </button>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind}>
          {message.text}
        </p>
      )}
    </form>
  );
}
