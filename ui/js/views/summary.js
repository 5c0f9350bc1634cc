// 年度总结: the summary for a year, a committee term or any dates — every figure computed from the
// records, the records behind it, charts, the secretary's narrative per section, and exports (Word,
// Excel, CSV, JSON) or a printed page (which can be saved as PDF).
//
// The sections are the ones the exports are drawn from (`summary_view`, core/src/summary/export/view.rs):
// headings, figures, sentences, tables and charts come worded in the chosen language, and this file only
// lays them out, the same way for every section. A section added to the model appears here unchanged.
import * as api from '../api.js';
import { t, lang } from '../i18n.js';
import { h, fill, toast } from '../dom.js';
import { exportWithProgress } from '../papers.js';

const choice = { mode: 'year', year: null, term: null, from: '', to: '' };

export default async function summaryView(main, { refresh }) {
  const ranges = await api.summaryRanges();
  choice.year ??= ranges.years[1] ?? ranges.years[0];
  choice.term ??= ranges.terms[0]?.[0] ?? null;
  const range = currentRange(ranges);
  const progress = h('progress', { max: 100, value: 0, class: 'hidden', testid: 'export-progress' });
  fill(main,
    h('header', { class: 'view-head no-print' }, h('h1', {}, t('summary_title')),
      h('div', { class: 'head-actions' },
        ['docx', 'pdf', 'xlsx', 'csv', 'json'].map((f) => h('button', { class: `btn ${f === 'docx' ? 'primary' : ''}`, testid: `export-${f}`,
          onclick: () => exportAs(f, range, progress) }, t(`export_${f}`))),
        h('button', { class: 'btn', testid: 'summary-print', onclick: async () => { if (await saveNarratives()) window.print(); else toast(t('note_unsaved'), 'error'); } }, t('summary_print')))),
    picker(ranges, refresh),
    binderBar(range, progress),
    progress,
    h('div', { testid: 'view-summary', class: 'summary' }, h('p', { class: 'muted' }, t('loading'))));
  if (!range) return;
  let v;
  const view = main.querySelector('[data-testid="view-summary"]');
  try { v = await api.summaryView(range.from, range.to, lang()); } catch (err) {
    fill(view, h('p', { class: 'banner overdue', testid: 'summary-error' }, err.message));
    return;
  }
  fill(view, sections(v));
}

function currentRange(ranges) {
  if (choice.mode === 'year') return { from: `${choice.year}-01-01`, to: `${choice.year}-12-31` };
  if (choice.mode === 'term') return ranges.terms.find(([n]) => n === choice.term)?.[1] ?? null;
  return choice.from && choice.to ? { from: choice.from, to: choice.to } : null;
}

function picker(ranges, refresh) {
  const set = (key) => (e) => { choice[key] = key === 'year' || key === 'term' ? Number(e.target.value) : e.target.value; refresh(); };
  const mode = h('select', { testid: 'summary-mode', 'aria-label': t('summary_range_kind'), onchange: set('mode') }, ['year', 'term', 'dates'].map((m) => h('option', { value: m }, t(`summary_mode_${m}`))));
  mode.value = choice.mode;
  let detail;
  if (choice.mode === 'year') {
    detail = h('select', { testid: 'summary-year', 'aria-label': t('col_year'), onchange: set('year') }, ranges.years.map((y) => h('option', { value: y }, t('year_n', { year: y }))));
    detail.value = String(choice.year);
  } else if (choice.mode === 'term') {
    detail = h('select', { testid: 'summary-term', 'aria-label': t('summary_mode_term'), onchange: set('term') }, ranges.terms.map(([n, r]) => h('option', { value: n }, t('term_range', { n, from: r.from, to: r.to }))));
    detail.value = String(choice.term ?? '');
  } else {
    const from = h('input', { type: 'text', class: 'date-input', testid: 'summary-from', value: choice.from, placeholder: t('date_hint') });
    const to = h('input', { type: 'text', class: 'date-input', testid: 'summary-to', value: choice.to, placeholder: t('date_hint') });
    const apply = () => { choice.from = from.value; choice.to = to.value; refresh(); };
    detail = [from, '–', to, h('button', { class: 'btn', testid: 'summary-apply', onclick: apply }, t('summary_apply'))];
  }
  return h('div', { class: 'toolbar no-print' }, mode, detail);
}

async function exportAs(format, range, progress) {
  if (!range) return;
  if (!(await saveNarratives())) { toast(t('note_unsaved'), 'error'); return; }
  await exportWithProgress(progress, () => api.summaryExport(range.from, range.to, format));
}

/** 台账汇编: every record of the chosen range as one paper an inspection reads page by page. */
function binderBar(range, progress) {
  const write = (format) => range && exportWithProgress(progress, () => api.binderExport(range.from, range.to, format));
  return h('div', { class: 'toolbar no-print', testid: 'binder-bar' },
    h('span', { class: 'muted' }, t('binder_label')),
    h('button', { class: 'btn', testid: 'binder-docx', onclick: () => write('docx') }, t('binder_docx')),
    h('button', { class: 'btn', testid: 'binder-pdf', onclick: () => write('pdf') }, t('binder_pdf')));
}

// ——— Sections, as the model gives them ———

function sections(v) {
  return [
    h('h1', { class: 'print-only' }, v.title),
    h('p', { class: 'muted summary-range', testid: 'summary-range' }, v.range_line),
    v.intro.length ? h('div', { class: 'summary-intro' }, v.intro.map((p) => h('p', {}, p))) : null,
    v.sections.map((s) => card(v, s)),
  ];
}

function card(v, s) {
  const tables = s.tables.filter((x) => !x.records);
  return h('section', { class: 'card summary-section', testid: `summary-${s.code}` },
    h('h2', {}, s.heading),
    s.figures.length ? figures(s.figures) : null,
    s.lines.map((line) => h('p', { class: 'summary-line' }, line)),
    s.charts.length ? h('div', { class: 'charts' }, s.charts.map(chart)) : null,
    tables.length ? h('div', { class: 'summary-tables' }, tables.map((x) => table(s.code, x))) : null,
    s.tables.filter((x) => x.records).map((x) => records(s.code, x)),
    narrative(v, s.code, s.narrative));
}

function figures(list) {
  return h('div', { class: 'figures' }, list.map((f) => h('div', { class: 'figure' },
    h('span', { class: 'figure-n', testid: `sum-${f.key}` }, f.value.text), h('span', { class: 'muted' }, f.label))));
}

const numeric = (cell) => cell.kind === 'number' || cell.kind === 'percent';
const td = (cell) => h('td', { class: numeric(cell) ? 'num' : cell.kind === 'date' ? 'date' : null }, cell.text);

/** A table with its title; numbers and percentages right-aligned under right-aligned headers. */
function table(section, x) {
  const right = x.headers.map((_, j) => x.rows.every((r) => !r[j] || numeric(r[j]) || r[j].text === ''));
  return h('div', { class: 'summary-table' },
    h('h3', {}, x.title),
    h('table', { class: 'table compact', testid: `table-${section}-${x.slug}` },
      h('thead', {}, h('tr', {}, x.headers.map((c, j) => h('th', { class: right[j] ? 'num' : null }, c)))),
      h('tbody', {}, x.rows.map((r) => h('tr', {}, r.map(td))))));
}

/** Records drawn when their list is first opened, a couple of hundred at a time: a large ledger's year
 * holds thousands, which the window need not build until asked. */
const RECORDS_STEP = 200;

function records(section, x) {
  const body = h('tbody');
  const more = h('button', { class: 'btn small no-print', testid: 'records-more', hidden: true });
  const showMore = () => {
    const next = x.rows.slice(body.children.length, body.children.length + RECORDS_STEP);
    body.append(...next.map((r) => h('tr', {}, r.map(td))));
    const left = x.rows.length - body.children.length;
    more.hidden = left <= 0;
    more.textContent = t('records_more', { n: Math.min(left, RECORDS_STEP), left });
  };
  more.addEventListener('click', showMore);
  const details = h('details', { class: 'records', testid: `records-${section}` },
    h('summary', {}, t('sum_records', { title: x.title, n: x.rows.length })),
    h('div', { class: 'records-list' },
      h('table', { class: 'table compact' }, h('thead', {}, h('tr', {}, x.headers.map((c) => h('th', {}, c)))), body)),
    more);
  details.addEventListener('toggle', () => { if (details.open && !body.children.length) showMore(); });
  return details;
}

/** Narratives typed but not saved yet (the save waits for a pause in typing): exports and printing
 * save them first, so a file always has what the screen shows. */
const unsaved = new Map();

/** Saves every narrative still waiting; false when one could not be saved (its error is shown). */
async function saveNarratives() {
  const results = await Promise.all([...unsaved.values()].map((save) => save()));
  return results.every(Boolean);
}

function narrative(v, section, text) {
  const key = `${v.from}|${v.to}|${section}`;
  const area = h('textarea', { rows: 3, testid: `note-${section}`, placeholder: t('narrative_hint') }, text);
  const error = h('p', { class: 'field-error', role: 'alert', testid: `note-error-${section}` });
  const state = h('span', { class: 'hint no-print', testid: `note-state-${section}`, 'aria-live': 'polite' });
  const printed = h('p', { class: 'print-only narrative-text' }, text);
  let timer = null;
  const save = async () => {
    clearTimeout(timer);
    unsaved.delete(key);
    error.textContent = '';
    try {
      await api.summaryNoteSave(v.from, v.to, section, area.value);
      state.textContent = t('note_saved');
      printed.textContent = area.value;
      return true;
    } catch (err) {
      unsaved.set(key, save); // still waiting: an export refuses until it is corrected
      state.textContent = '';
      error.textContent = err.message;
      return false;
    }
  };
  area.addEventListener('input', () => {
    state.textContent = t('note_saving');
    unsaved.set(key, save);
    clearTimeout(timer);
    timer = setTimeout(save, 600);
  });
  // Leaving the box (for another screen, say) saves at once.
  area.addEventListener('blur', () => { if (unsaved.has(key)) save(); });
  return h('div', { class: 'narrative' },
    h('label', { class: 'no-print' }, t('narrative_label'), ' ', state), area, printed, error);
}

// ——— Charts: the SVG the core draws once (the printable page shows it, Word and PDF a picture of it) ———

/** The chart's SVG with its title and figures also given as text for screen readers. The SVG is the
 * core's own output (every text in it escaped there), never text a person typed in as markup. */
function chart(c) {
  const stacked = c.series.length > 1;
  const value = (v) => (c.percent ? `${Math.round(v * 100)}%` : String(Math.round(v * 10) / 10));
  const figures = c.labels.map((l, i) => (stacked
    ? `${l}: ${c.series.map(([name], j) => `${name} ${value(c.values[i][j] ?? 0)}`).join(t('list_sep'))}`
    : `${l} ${value(c.values[i].reduce((a, b) => a + b, 0))}`));
  const holder = h('div', { class: 'chart-svg' });
  holder.innerHTML = c.svg;
  const svg = holder.firstElementChild;
  svg?.setAttribute('width', '100%');
  svg?.setAttribute('aria-label', `${c.title}${t('colon')}${figures.join(stacked ? '; ' : t('list_sep'))}`);
  return h('figure', { class: 'chart wide', testid: `chart-${c.slug}` }, holder, h('figcaption', {}, c.title));
}
