// Which record the next screen should open: set by the search box, taken once by the view it leads to.
let pending = null;

/** Asks the view that shows `kind` records to open record `id` when it is next drawn. */
export function focusOn(kind, id) {
  pending = { kind, id };
}

/** The id waiting for `kind`, once (later calls get null). */
export function takeFocus(kind) {
  if (pending?.kind !== kind) return null;
  const { id } = pending;
  pending = null;
  return id;
}

let draft = null;

/** Asks the view that shows `kind` records to open a new one's form, filled with `values`, when it is
 * next drawn (a reminder on the home screen opens the form that resolves it). */
export function draftFor(kind, values) {
  draft = { kind, values };
}

/** The values waiting for a new `kind` record, once (later calls get null). */
export function takeDraft(kind) {
  if (draft?.kind !== kind) return null;
  const { values } = draft;
  draft = null;
  return values;
}

// ——— Keeping the keyboard's place ———
// Screens are drawn again after every change; the element that had focus is then gone and focus would
// fall to the page body (the next Tab starting from the top). Instead it goes back to the same element
// drawn again, into a detail panel a row just opened, back to that row when the panel closes, or to the
// page heading.

let last = null;
let lastRow = null;
let wanted = null;

document.addEventListener('focusin', (e) => {
  const el = e.target;
  if (!(el instanceof HTMLElement) || el === document.body) return;
  const row = el.closest('tr[data-id]');
  last = {
    testid: el.dataset.testid ?? null,
    id: el.dataset.id ?? null,
    row: el.tagName === 'TR',
    // A button inside a list row: the same button of the same row, once drawn again.
    within: row && row !== el ? `[data-testid="${row.dataset.testid}"][data-id="${row.dataset.id}"]` : null,
    inDetail: !!el.closest('aside.detail'),
  };
  if (last.row) lastRow = last;
});

/** After the next drawing, focus goes to the first element matching `selector` (for a few seconds). */
export function focusNext(selector) {
  wanted = { selector, until: Date.now() + 3000 };
}

/** Focuses an element that may not take focus by itself (a heading). */
export function place(el) {
  if (!el.matches('a, button, input, select, textarea, [tabindex]')) el.setAttribute('tabindex', '-1');
  el.focus({ preventScroll: false });
}

/** Watches `root` and puts focus back whenever a drawing took it away. */
export function keepFocus(root) {
  let queued = false;
  new MutationObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; restore(); });
  }).observe(root, { childList: true, subtree: true });
}

function restore() {
  if (document.querySelector('dialog[open]')) return;
  if (wanted && Date.now() > wanted.until) wanted = null;
  const asked = wanted && document.querySelector(wanted.selector);
  if (asked) { wanted = null; place(asked); return; }
  const active = document.activeElement;
  if (active && active !== document.body && document.contains(active)) return;
  const target = bestTarget();
  if (target) place(target);
}

function bestTarget() {
  const q = (sel) => document.querySelector(sel);
  const same = last?.testid && (last.id !== null
    ? q(`[data-testid="${last.testid}"][data-id="${last.id}"]`)
    : q(`${last.within ?? ''} [data-testid="${last.testid}"]`.trim()));
  const detail = q('#main aside.detail h2, #main aside.detail h3');
  if (last?.row && detail) return detail;
  if (same) return same;
  if (last?.inDetail && lastRow) {
    const row = q(`[data-testid="${lastRow.testid}"][data-id="${lastRow.id}"]`);
    if (row) return row;
  }
  return q('#main h1');
}
