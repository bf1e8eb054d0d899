// The head office's pages as HTML: the login form and every shop's summary. Every value is escaped
// by the `html` template; no script and no inline style, so the page passes the server's CSP.
import { dayText, localDay } from '../../domain/dates';
import type { ShopRecord } from '../store/store';
import type { LateJob, MetalBalance, PieceOut, ShopSummary, TradeShopOut } from './shopSummary';

/** Where the office is mounted (app.ts): links, form actions and the cookie's Path say it. */
export const OFFICE_PATH = '/office';

/** Markup already escaped: the `html` template puts it in as it is. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for an element's content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

type Part = Html | string | number | null | undefined | false | readonly Part[];

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Html) return part.text;
  if (Array.isArray(part)) return (part as readonly Part[]).map(render).join('');
  return escapeHtml(String(part));
}

/** A template whose every value is escaped, unless it is Html made by this template itself. */
export function html(strings: TemplateStringsArray, ...values: readonly Part[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/**
 * A whole page. The referrer meta lets our own forms carry their real Origin, which POST
 * /office/login checks where a browser sends no Sec-Fetch-Site: under the server's no-referrer
 * header a form's Origin is "null". Other sites still get no Referer from these pages.
 */
function wholePage(title: string, body: Html): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <meta name="referrer" content="same-origin" />
        <title>${title}</title>
        <link rel="stylesheet" href="${OFFICE_PATH}/office.css" />
      </head>
      <body>
        ${body}
      </body>
    </html> `.text;
}

// ---- Words and numbers ----

/** Grams to 0.01 g with a real minus sign, as the metal ledger shows them: "50.00 g", "−0.02 g". */
export function gramsText(g: number): string {
  const cents = Math.round(g * 100);
  const digits = (Math.abs(cents) / 100).toFixed(2);
  return cents < 0 ? `−${digits} g` : `${digits} g`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "Mon 23 Nov 2026, 09:05": the server's local time, as the shop's clocks say it. */
export function momentText(ms: number): string {
  const date = new Date(ms);
  const hh = String(date.getHours()).padStart(2, '0');
  const mm = String(date.getMinutes()).padStart(2, '0');
  return `${dayText(localDay(date))}, ${hh}:${mm}`;
}

function envelopeText(job: { envelopeNumber: string; part?: LateJob['part'] }): string {
  return job.part
    ? `${job.envelopeNumber} (${job.part.index} of ${job.part.of})`
    : job.envelopeNumber;
}

// ---- The login form ----

export interface LoginPageOptions {
  /** Why the form is shown again: a wrong password, too many attempts, a session that ended. */
  message?: string;
  /** The name typed, kept so a mistyped password needs only the password again. */
  name?: string;
}

export function loginPage({ message, name = '' }: LoginPageOptions = {}): string {
  return wholePage(
    'Loupe head office: log in',
    html`<main class="login">
      <h1>Loupe head office</h1>
      <p>Log in to see every shop's jobs, late work, pieces out at trade shops and metal.</p>
      ${message ? html`<p class="problem" role="alert">${message}</p>` : null}
      <form method="post" action="${OFFICE_PATH}/login">
        <label for="name">Manager name</label>
        <input
          id="name"
          name="name"
          autocomplete="username"
          required
          maxlength="60"
          value="${name}"
        />
        <label for="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          maxlength="200"
        />
        <button type="submit">Log in</button>
      </form>
    </main>`,
  );
}

/** A page for an answer that is neither the form nor the summary: a refusal, a missing page. */
export function messagePage(title: string, message: string): string {
  return wholePage(
    `Loupe head office: ${title}`,
    html`<main class="login">
      <h1>${title}</h1>
      <p class="problem">${message}</p>
      <p><a href="${OFFICE_PATH}">Back to the head office</a></p>
    </main>`,
  );
}

// ---- The summary ----

export interface OfficeShop {
  shop: ShopRecord;
  summary: ShopSummary;
}

export interface OfficePageOptions {
  managerName: string;
  shops: readonly OfficeShop[];
  computedAt: number;
}

/** A part of a shop's section; a wide one (a list) spans the whole row. */
function section(id: string, title: string, content: Html, wide = false): Html {
  return html`<section class="${wide ? 'part wide' : 'part'}" aria-labelledby="${id}">
    <h3 id="${id}">${title}</h3>
    ${content}
  </section>`;
}

function statusTable(summary: ShopSummary): Html {
  return html`<table class="counts">
    <thead>
      <tr>
        <th scope="col">Status</th>
        <th scope="col" class="num">Jobs</th>
      </tr>
    </thead>
    <tbody>
      ${summary.byStatus.map(
        (s) =>
          html`<tr${s.count === 0 ? html` class="none"` : null}><th scope="row">${s.label}</th><td class="num">${s.count}</td></tr>
`,
      )}${
        summary.voided > 0
          ? html`<tr class="none">
              <th scope="row">Voided</th>
              <td class="num">${summary.voided}</td>
            </tr>`
          : null
      }
    </tbody>
  </table>`;
}

function lateTable(summary: ShopSummary): Html {
  if (summary.late.length === 0) return html`<p class="quiet">No late jobs.</p>`;
  const total = summary.late.length + summary.moreLate;
  return html`<p>${plural(total, 'job is', 'jobs are')} past the day promised to the customer.</p>
    <table>
      <thead>
        <tr>
          <th scope="col">Envelope</th>
          <th scope="col">Piece</th>
          <th scope="col">Promised</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        ${summary.late.map(
          (j) =>
            html`<tr>
              <td class="envelope">
                ${envelopeText(j)}${j.rush ? html` <span class="rush">Rush</span>` : null}
              </td>
              <td>${j.piece}</td>
              <td>
                ${dayText(j.promisedDate)}
                <span class="late">${plural(j.daysLate, 'day', 'days')} late</span>
              </td>
              <td>${j.statusLabel}</td>
            </tr> `,
        )}
      </tbody>
    </table>
    ${summary.moreLate > 0 ? html`<p class="more">And ${plural(summary.moreLate, 'more late job', 'more late jobs')}, less late than these.</p>` : null}`;
}

function pieceRow(p: PieceOut): Html {
  return html`<tr>
    <td class="envelope">${p.envelopeNumber}</td>
    <td>${p.piece}<br /><span class="quiet">${p.work}</span></td>
    <td>${dayText(p.sentDate)} <span class="quiet">(${plural(p.daysOut, 'day', 'days')})</span></td>
    <td>
      ${dayText(p.expectedBack)}${p.overdue ? html` <span class="late">${plural(p.daysLate, 'day', 'days')} overdue</span>` : null}
    </td>
  </tr> `;
}

function tradeShop(group: TradeShopOut): Html {
  const count = plural(group.pieces.length + group.more, 'piece', 'pieces');
  const note = group.overdue > 0 ? `${count}, ${group.overdue} overdue` : count;
  return html`<h4>${group.name} <span class="quiet">· ${note}</span></h4>
    <table>
      <thead>
        <tr>
          <th scope="col">Envelope</th>
          <th scope="col">Piece and work</th>
          <th scope="col">Sent</th>
          <th scope="col">Expected back</th>
        </tr>
      </thead>
      <tbody>
        ${group.pieces.map(pieceRow)}
      </tbody>
    </table>
    ${group.more > 0 ? html`<p class="more">And ${plural(group.more, 'more piece', 'more pieces')} at ${group.name}.</p>` : null}`;
}

function tradeShops(summary: ShopSummary): Html {
  if (summary.outAtTradeShops.length === 0) {
    return html`<p class="quiet">Nothing out at trade shops.</p>`;
  }
  return html`${summary.outAtTradeShops.map(tradeShop)}`;
}

function metalRow(m: MetalBalance): Html {
  return html`<tr>
    <th scope="row">${m.alloyName}</th>
    <td class="num">${gramsText(m.stockG)}</td>
    <td class="num">${gramsText(m.heldG)}</td>
    <td class="num">${gramsText(m.scrapG)}</td>
  </tr> `;
}

function metals(summary: ShopSummary): Html {
  if (summary.metals.length === 0) return html`<p class="quiet">No metal in the book.</p>`;
  return html`<table>
      <thead>
        <tr>
          <th scope="col">Alloy</th>
          <th scope="col" class="num">In the safe</th>
          <th scope="col" class="num">Issued out</th>
          <th scope="col" class="num">Scrap pots</th>
        </tr>
      </thead>
      <tbody>
        ${summary.metals.map(metalRow)}
      </tbody>
    </table>
    <p class="quiet">Issued out: held at benches, by people and in casting trees, by the book.</p>`;
}

function shopSection({ shop, summary }: OfficeShop): Html {
  const id = `shop-${shop.id}`;
  const jobs =
    summary.jobs === 0 && summary.voided === 0
      ? html`<p class="quiet">No jobs yet.</p>`
      : statusTable(summary);
  return html`<section class="shop" id="${id}" aria-labelledby="${id}-name">
    <h2 id="${id}-name">${shop.name}</h2>
    <div class="parts">
      ${section(`${id}-status`, 'Jobs by status', jobs)}
      ${section(`${id}-metal`, 'Metal', metals(summary))}
      ${section(`${id}-late`, 'Late jobs', lateTable(summary), true)}
      ${section(`${id}-trade`, 'Out at trade shops', tradeShops(summary), true)}
    </div>
  </section> `;
}

export function officePage({ managerName, shops, computedAt }: OfficePageOptions): string {
  const today = shops[0]?.summary.today ?? localDay(new Date(computedAt));
  return wholePage(
    'Loupe head office',
    html`<header class="top">
        <h1>Loupe head office</h1>
        <p class="who">Logged in as <strong>${managerName}</strong></p>
        <form method="post" action="${OFFICE_PATH}/logout">
          <button type="submit">Log out</button>
        </form>
      </header>
      <main>
        <p class="computed">
          Computed at
          <time datetime="${new Date(computedAt).toISOString()}">${momentText(computedAt)}</time>
          (server time): late means promised before ${dayText(today)}. Reload the page for fresh
          figures.
        </p>
        ${
          shops.length === 0
            ? html`<p class="quiet">
                No shops yet: add one with <code>npm run shops</code> on the server.
              </p>`
            : html`<nav aria-label="Shops">
                  <ul>
                    ${shops.map((s) => html`<li><a href="#shop-${s.shop.id}">${s.shop.name}</a></li>`)}
                  </ul>
                </nav>
                ${shops.map(shopSection)}`
        }
      </main>`,
  );
}

/** The office's stylesheet, served at /office/office.css (the CSP allows styles from 'self'). */
export const OFFICE_CSS = `:root {
  color-scheme: light;
  --ink: #1d1b18;
  --muted: #6b655c;
  --line: #d9d3c7;
  --paper: #faf8f4;
  --card: #ffffff;
  --accent: #7a5c1e;
  --late: #a3261b;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  line-height: 1.4;
  color: var(--ink);
  background: var(--paper);
}
body { margin: 0; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
h1 { font-size: 1.4rem; margin: 0; }
h2 { font-size: 1.3rem; margin: 0 0 0.75rem; }
h3 { font-size: 1.05rem; margin: 0 0 0.5rem; }
h4 { font-size: 1rem; margin: 0.75rem 0 0.25rem; }
.top {
  display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.5rem;
  padding: 0.75rem 1.25rem; background: var(--card); border-bottom: 1px solid var(--line);
}
.top .who { margin: 0 0 0 auto; }
.top form { margin: 0; }
button {
  font: inherit; padding: 0.45rem 1rem; border-radius: 0.4rem; cursor: pointer;
  border: 1px solid var(--accent); background: var(--accent); color: #fff;
}
.computed, .quiet, .more { color: var(--muted); }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; }
a { color: var(--accent); }
.shop {
  background: var(--card); border: 1px solid var(--line); border-radius: 0.6rem;
  padding: 1rem 1.25rem; margin: 1.25rem 0;
}
.parts { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 1.25rem 2rem; }
.part { min-width: 0; }
.part.wide { grid-column: 1 / -1; }
table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
th, td { text-align: left; padding: 0.3rem 0.5rem 0.3rem 0; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { font-weight: 600; color: var(--muted); }
tbody th { font-weight: 400; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.counts { max-width: 20rem; }
.counts tr.none { color: var(--muted); }
.envelope { font-weight: 600; white-space: nowrap; }
.late { color: var(--late); font-weight: 600; white-space: nowrap; }
.rush { color: var(--late); font-size: 0.8rem; font-weight: 700; text-transform: uppercase; }
.login { max-width: 24rem; padding-top: 3rem; }
.login form { display: grid; gap: 0.4rem; margin-top: 1rem; }
.login input { font: inherit; padding: 0.45rem; border: 1px solid var(--line); border-radius: 0.4rem; }
.login label { margin-top: 0.5rem; font-weight: 600; }
.login button { margin-top: 1rem; justify-self: start; }
.problem { color: var(--late); font-weight: 600; }
code { font-family: ui-monospace, monospace; }
`;
