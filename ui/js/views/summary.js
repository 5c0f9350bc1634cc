// 年度总结: the summary for a year, a committee term or any dates — every figure computed from the
// records, the records behind it, charts, the secretary's narrative per section, and exports (Word,
// Excel, CSV, JSON) or a printed page (which can be saved as PDF).
import * as api from '../api.js';
import { t, lang } from '../i18n.js';
import { h, fill, showError, toast } from '../dom.js';

const choice = { mode: 'year', year: null, term: null, from: '', to: '' };
const STAGES = ['full', 'probationary', 'candidate', 'activist', 'applicant'];
const COLOURS = { full: '#b3121f', probationary: '#e0731d', candidate: '#2f6fd6', activist: '#6aa2f0', applicant: '#a9c7f5' };
const sep = () => (lang() === 'zh' ? '、' : ', ');

export default async function summaryView(main, { refresh }) {
  const ranges = await api.summaryRanges();
  choice.year ??= ranges.years[1] ?? ranges.years[0];
  choice.term ??= ranges.terms[0]?.[0] ?? null;
  const range = currentRange(ranges);
  const progress = h('progress', { max: 100, value: 0, class: 'hidden', testid: 'export-progress' });
  fill(main,
    h('header', { class: 'view-head no-print' }, h('h1', {}, t('summary_title')),
      h('div', { class: 'head-actions' },
        ['docx', 'xlsx', 'csv', 'json'].map((f) => h('button', { class: `btn ${f === 'docx' ? 'primary' : ''}`, testid: `export-${f}`,
          onclick: () => exportAs(f, range, progress) }, t(`export_${f}`))),
        h('button', { class: 'btn', testid: 'summary-print', onclick: async () => { if (await saveNarratives()) window.print(); else toast(t('note_unsaved'), 'error'); } }, t('summary_print')))),
    picker(ranges, refresh),
    progress,
    h('div', { testid: 'view-summary', class: 'summary' }, h('p', { class: 'muted' }, t('loading'))));
  if (!range) return;
  let s;
  const view = main.querySelector('[data-testid="view-summary"]');
  try { s = await api.summaryCompute(range.from, range.to); } catch (err) {
    fill(view, h('p', { class: 'banner overdue', testid: 'summary-error' }, err.message));
    return;
  }
  fill(view, sections(s, refresh));
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
  const stop = await api.onExportProgress((p) => { progress.value = p; });
  progress.classList.remove('hidden');
  progress.value = 0;
  try {
    const path = await api.summaryExport(range.from, range.to, format);
    if (path) toast(t('exported_to', { path }));
  } catch (err) {
    showError(err);
  } finally {
    stop();
    progress.classList.add('hidden');
  }
}

// ——— Sections ———

function sections(s, refresh) {
  const note = (section) => s.notes.find((n) => n.section === section)?.text ?? '';
  const card = (section, n, ...body) => h('section', { class: 'card summary-section', testid: `summary-${section}` },
    h('h2', {}, t('section_heading', { n: t(`numeral_${n}`), title: t(`section_${section}`) })), body.flat(Infinity), narrative(s, section, note(section)));
  const m = s.membership;
  const a = s.activities;
  const b = s.bookshelf;
  const q = s.suggestions;
  return [
    h('h1', { class: 'print-only' }, t('summary_print_title', { label: lang() === 'zh' ? s.label_zh : s.label_en })),
    card('membership', 1,
      figures([
        [t('sum_members_first', { date: s.range.from }), members(m.on_first), 'sum-members-first'],
        [t('sum_members_last', { date: s.range.to }), members(m.on_last), 'sum-members-last'],
        [t('sum_growth'), signed(m.growth), 'sum-growth'],
        [t('sum_admitted'), m.admitted.length, 'sum-admitted'],
        [t('sum_became_full'), m.became_full.length],
        [t('sum_transfers'), t('in_out', { in: m.transferred_in.length, out: m.transferred_out.length })],
      ]),
      chart(t('chart_members'), membersChart(s.charts.members_by_year), 'chart-members'),
      records([...m.admitted, ...m.became_full, ...m.transferred_in, ...m.transferred_out])),
    card('organisation', 2,
      s.organisation.terms.map((term) => h('p', {}, t('term_line', { n: term.ordinal, from: term.elected_on, to: term.ends_on ?? '' }), ' ',
        term.seats.map(([p, name]) => `${t(`position_${p}`)} ${name}`).join(sep()))),
      h('p', {}, t('groups_line', { n: s.organisation.groups.length }), ' ',
        s.organisation.groups.map((g) => t('group_line', { name: g.name, leader: g.leader ?? '—', n: g.members })).join(sep()))),
    card('activities', 3,
      figures([[t('sum_activities_total'), a.total, 'sum-activities-total']]),
      table([t('col_kind'), t('sum_count'), t('participation_rate')], a.by_kind.map((k) => [t(`akind2_${k.kind}`), k.count, percent(k.rate)]), 'sum-by-kind'),
      a.compliance.filter((c) => c.missing.length).map((c) => h('p', { class: 'banner', testid: 'sum-missing' },
        t('sum_missing', { what: t(`akind2_${c.kind}`) + (c.group ? ` · ${c.group}` : ''), n: c.missing.length, periods: c.missing.join(sep()) }))),
      h('p', {}, t('sum_lecturers'), ' ', a.lecturers.map((p) => `${p.name} ${p.count}`).join(sep()) || '—'),
      h('p', {}, t('sum_hosts'), ' ', a.hosts.map((p) => `${p.name} ${p.count}`).join(sep()) || '—'),
      a.campaigns.length ? h('p', {}, t('col_campaign'), '：', a.campaigns.map((c) => `${c.name}（${c.activities}）`).join(sep())) : null,
      a.projects.length ? h('p', {}, t('col_project'), '：', a.projects.map((p) => `${p.year} ${p.title}${p.rating ? ` · ${p.rating}` : ''}`).join(sep())) : null,
      h('div', { class: 'charts' },
        chart(t('chart_per_month'), barChart(s.charts.activities_per_month.map(([m2, n]) => [m2.slice(5), n])), 'chart-months'),
        chart(t('chart_attendance'), barChart(s.charts.attendance_by_kind.map(([k, r]) => [t(`akind2_${k}`), Math.round(r * 100)]), '%'), 'chart-attendance')),
      records(a.records)),
    card('bulletins', 4,
      figures([[t('sum_issues'), s.bulletins.total, 'sum-issues']]),
      table([t('col_series'), t('sum_count'), t('col_topics')], s.bulletins.series.map((x) => [x.name, x.issues, x.topics.join(sep())]), 'sum-series'),
      records(s.bulletins.records)),
    card('bookshelf', 5,
      figures([
        [t('books_titles_n'), b.titles], [t('books_copies_n'), b.copies], [t('sum_loans'), b.loans, 'sum-loans'],
        [t('books_member_borrowers'), b.member_borrowers], [t('books_other_borrowers'), b.other_borrowers],
      ]),
      b.top_titles.length ? h('p', {}, t('books_top'), ' ', b.top_titles.map((x) => `${t('book_name', { name: x.name })} ${x.count}`).join(sep())) : null,
      records(b.records)),
    card('suggestions', 6,
      figures([
        [t('sum_received'), q.received, 'sum-received'], [t('stats_answered'), q.answered],
        [t('stats_median'), q.median_days_to_respond ?? '—'],
      ]),
      q.by_category.length ? h('p', {}, q.by_category.map(([c, n, k]) => t('category_line', { c: c || t('no_category'), n, k })).join(sep())) : null,
      records(q.records)),
    card('honours', 7,
      s.honours.records.length
        ? [h('p', { testid: 'sum-honours-split' }, t('sum_honours_split', { branch: s.honours.branch, persons: s.honours.persons, unit: s.honours.unit })),
          table([t('col_year'), t('col_title'), t('sum_recipient')], s.honours.records.map((x) => [x.year, x.title, x.recipient ?? (x.recipient_kind === 'unit' ? t('sum_the_unit') : t('sum_the_branch'))]), 'sum-honours')]
        : h('p', { class: 'muted' }, t('none'))),
  ];
}

function figures(list) {
  return h('div', { class: 'figures' }, list.map(([k, v, testid]) => h('div', { class: 'figure' }, h('span', { class: 'figure-n', testid }, String(v)), h('span', { class: 'muted' }, k))));
}

const members = (c) => c.full + c.probationary;
const signed = (n) => (n > 0 ? `+${n}` : String(n));
const percent = (r) => (r === null ? '—' : `${Math.round(r * 100)}%`);

function table(head, rows, testid) {
  if (!rows.length) return h('p', { class: 'muted' }, t('none'));
  return h('table', { class: 'table compact', testid }, h('thead', {}, h('tr', {}, head.map((c) => h('th', {}, c)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, String(c)))))));
}

/** Records drawn when their list is first opened, a couple of hundred at a time: a large ledger's year
 * holds thousands, which the window need not build until asked. */
const RECORDS_STEP = 200;

function records(list) {
  if (!list.length) return null;
  const ul = h('ul', { class: 'plain' });
  const more = h('button', { class: 'btn small no-print', testid: 'records-more', hidden: true });
  const showMore = () => {
    const next = list.slice(ul.children.length, ul.children.length + RECORDS_STEP);
    ul.append(...next.map((r) => h('li', {}, h('span', { class: 'date' }, r.date), ' ', r.title)));
    const left = list.length - ul.children.length;
    more.hidden = left <= 0;
    more.textContent = t('records_more', { n: Math.min(left, RECORDS_STEP), left });
  };
  more.addEventListener('click', showMore);
  const details = h('details', { class: 'records' }, h('summary', {}, t('sum_records', { n: list.length })), ul, more);
  details.addEventListener('toggle', () => { if (details.open && !ul.children.length) showMore(); });
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

function narrative(s, section, text) {
  const key = `${s.range.from}|${s.range.to}|${section}`;
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
      await api.summaryNoteSave(s.range.from, s.range.to, section, area.value);
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

// ——— Charts (SVG, drawn here; the Word file gets its own PNGs from the Rust side) ———

/** A chart with its title, and its figures as text for screen readers (the SVG's title and label). */
function chart(title, svg, testid) {
  svg.prepend(svgEl('title', {}, title));
  svg.setAttribute('aria-label', `${title}${t('colon')}${svg.dataset.figures ?? ''}`);
  return h('figure', { class: 'chart', testid }, svg, h('figcaption', {}, title));
}

const NS = 'http://www.w3.org/2000/svg';
function svgEl(tag, attrs = {}, text) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (text !== undefined) el.textContent = text;
  return el;
}

function frame(width, height) {
  return svgEl('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', class: 'chart-svg' });
}

/** Bars with their values on top and labels below. */
function barChart(points, unit = '') {
  const w = Math.max(320, points.length * 34);
  const hgt = 170;
  const max = Math.max(1, ...points.map(([, v]) => v));
  const svg = frame(w, hgt);
  svg.dataset.figures = points.map(([label, v]) => `${label} ${v}${unit}`).join(t('list_sep'));
  const bw = (w - 20) / Math.max(1, points.length);
  points.forEach(([label, v], i) => {
    const bh = (v / max) * 110;
    const x = 10 + i * bw;
    svg.append(svgEl('rect', { x: x + 4, y: 135 - bh, width: bw - 8, height: bh, fill: '#b3121f', rx: 2 }),
      svgEl('text', { x: x + bw / 2, y: 130 - bh, 'text-anchor': 'middle', 'font-size': 11 }, `${v}${unit}`),
      svgEl('text', { x: x + bw / 2, y: 152, 'text-anchor': 'middle', 'font-size': 10, fill: '#555' }, String(label).slice(0, 6)));
  });
  return svg;
}

/** Members by stage at each year's end, stacked. */
function membersChart(points) {
  const w = Math.max(480, points.length * 60);
  const hgt = 200;
  const total = (p) => STAGES.reduce((n, st) => n + p.counts[st], 0);
  const max = Math.max(1, ...points.map(total));
  const svg = frame(w, hgt);
  svg.dataset.figures = points.map((p) => `${p.year}: ${STAGES.map((st) => `${t(`stage_${st}`)} ${p.counts[st]}`).join(t('list_sep'))}`).join('; ');
  const bw = (w - 20) / Math.max(1, points.length);
  points.forEach((p, i) => {
    let y = 160;
    const x = 10 + i * bw;
    for (const st of STAGES) {
      const bh = (p.counts[st] / max) * 130;
      if (bh > 0) svg.append(svgEl('rect', { x: x + 8, y: y - bh, width: bw - 16, height: bh, fill: COLOURS[st] }, undefined));
      y -= bh;
    }
    svg.append(svgEl('text', { x: x + bw / 2, y: y - 4, 'text-anchor': 'middle', 'font-size': 11 }, String(total(p))),
      svgEl('text', { x: x + bw / 2, y: 178, 'text-anchor': 'middle', 'font-size': 11, fill: '#555' }, String(p.year)));
  });
  STAGES.forEach((st, i) => svg.append(svgEl('rect', { x: 10 + i * 92, y: 188, width: 10, height: 10, fill: COLOURS[st] }),
    svgEl('text', { x: 24 + i * 92, y: 197, 'font-size': 10 }, t(`stage_${st}`))));
  return svg;
}
