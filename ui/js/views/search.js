// 全文检索: one search box over every record type (Ctrl+K or Ctrl+F), results grouped by type with the
// matching words marked, newest first; a result opens its record on its own screen.
import * as api from '../api.js';
import { t } from '../i18n.js';
import { h, fill } from '../dom.js';
import { focusOn } from '../focus.js';

/** The screen that shows each record type. */
const VIEW = {
  person: 'roster', activity: 'activities', campaign: 'activities', special_project: 'activities',
  bulletin_issue: 'bulletins', suggestion: 'suggestions', book_title: 'bookshelf', honour: 'honours',
  admission_step: 'admission', appraisal: 'appraisals', dues_payment: 'dues', dues_handover: 'dues',
};

/** Text with the [start, end) character ranges wrapped in <mark>. */
function marked(text, ranges) {
  const chars = [...text];
  const out = [];
  let at = 0;
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (start < at) continue;
    out.push(chars.slice(at, start).join(''), h('mark', {}, chars.slice(start, end).join('')));
    at = end;
  }
  out.push(chars.slice(at).join(''));
  return out;
}

/** Hits shown per type at first, and how many more each "more" button adds. */
const FIRST = 20;
const MORE = 50;

/** Opens the search dialog; `go(view)` shows a screen. */
export function openSearch(go) {
  if (document.querySelector('[data-testid="search-dialog"]')) return;
  const input = h('input', { type: 'search', class: 'search-input', testid: 'search-input', placeholder: t('search_placeholder'), 'aria-label': t('search_placeholder'), autocomplete: 'off' });
  const trash = h('input', { type: 'checkbox', id: 'search-trash', testid: 'search-trash' });
  const results = h('div', { class: 'search-results', testid: 'search-results' });
  const dialog = h('dialog', { class: 'form-dialog search-dialog', testid: 'search-dialog' });
  const open = (hit) => {
    focusOn(hit.kind, hit.id);
    dialog.close();
    go(VIEW[hit.kind]);
  };
  let asked = 0;
  const hitButton = (hit) => h('button', { class: 'search-hit', testid: 'search-hit', onclick: () => open(hit) },
    h('span', { class: 'hit-title' }, marked(hit.title, hit.title_highlights), hit.trashed ? h('span', { class: 'stage' }, t('in_trash')) : null),
    h('span', { class: 'hit-date muted' }, hit.date),
    hit.snippet ? h('span', { class: 'hit-snippet muted' }, marked(hit.snippet, hit.snippet_highlights)) : null);
  // One type's hits, with a button for the next ones while there are more.
  const group = (g, query) => {
    const section = h('section', { class: 'search-group', testid: `search-group-${g.kind}` });
    const more = async () => {
      const limit = g.hits.length + MORE;
      const r = await api.search({ ...query, kinds: [g.kind], limit_per_kind: limit });
      const next = r.groups[0];
      if (next) section.replaceWith(group(next, query));
    };
    fill(section,
      h('h3', {}, g.label, h('span', { class: 'muted', testid: 'search-group-total' }, ` ${g.total}${g.more ? '+' : ''}`)),
      g.hits.map(hitButton),
      g.more || g.total > g.hits.length
        ? h('button', { class: 'btn small search-more', testid: 'search-more', onclick: more }, t('search_more', { n: MORE }))
        : null);
    return section;
  };
  const run = async () => {
    const text = input.value.trim();
    const mine = ++asked;
    if (!text) { fill(results, h('p', { class: 'muted' }, t('search_hint'))); return; }
    try {
      const query = { text, include_trash: trash.checked };
      const r = await api.search({ ...query, limit_per_kind: FIRST });
      if (mine !== asked) return;
      fill(results, r.total === 0
        ? h('p', { class: 'empty', testid: 'search-empty' }, t('search_none', { text }))
        : r.groups.map((g) => group(g, query)));
    } catch (err) {
      fill(results, h('p', { class: 'field-error', testid: 'search-error' }, err.message));
    }
  };
  let timer = null;
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(run, 150); });
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); clearTimeout(timer); run(); } });
  trash.addEventListener('change', run);
  dialog.append(
    h('div', { class: 'search-head' }, input, h('label', { class: 'check', for: 'search-trash' }, trash, t('search_in_trash'))),
    results,
    h('div', { class: 'form-buttons' }, h('button', { class: 'btn', testid: 'search-close', onclick: () => dialog.close() }, t('close'))));
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  input.focus();
  run();
}
