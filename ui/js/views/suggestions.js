// 群众意见箱: entries, their handling (assignee, dated notes, response or refusal), overdue entries,
// and this year's numbers. An anonymous entry shows no name anywhere.
import * as api from '../api.js';
import { takeFocus } from '../focus.js';
import { t, lang } from '../i18n.js';
import { h, filterSelect, rowOpener, clear, fill, openForm, showError, toast } from '../dom.js';
import { confirmAndTrash } from './trash.js';
import { fetchPage, pager } from './pager.js';
import { today } from '../dates.js';
import { label, options } from '../vocabulary.js';

const PAGE = 100;
const query = { status: '', year: null, category: '', text: '', open_only: false, offset: 0, limit: PAGE };
let selected = null;

export default async function suggestions(main, { refresh }) {
  const focus = takeFocus('suggestion');
  if (focus !== null) { selected = focus; Object.assign(query, { status: '', year: null, category: '', text: '', open_only: false, offset: 0 }); }
  const [overview, page, people, terms] = await Promise.all([
    api.suggestionsOverview(query.year), fetchPage(api.suggestionsList, query),
    api.peopleNames(false), api.termsList(),
  ]);
  const committee = terms.terms[0]?.seats ?? [];
  const ctx = { overview, people, committee, refresh };
  const detail = h('aside', { class: 'detail', testid: 'suggestion-detail' });
  fill(main,
    h('header', { class: 'view-head' }, h('h1', {}, t('suggestions_title')),
      h('button', { class: 'btn primary', testid: 'suggestion-add', onclick: () => editSuggestion(null, ctx) }, t('suggestion_add'))),
    overdueBanner(overview),
    stats(overview.this_year),
    filters(overview, refresh),
    h('div', { class: `split ${selected !== null ? 'has-detail' : ''}`, testid: 'view-suggestions' }, table(page.rows, ctx), detail),
    pager(page, query, (offset) => { query.offset = offset; refresh(); }, 'suggestions-total'),
    overdueSetting(overview));
  if (selected) await showDetail(detail, selected, ctx);
}

/** How many entries are unanswered too long, and the oldest few of them (the rest as "…"). */
export function overdueBanner(overview) {
  const late = overview.overdue ?? overview.suggestions_overdue;
  if (!late?.total) return null;
  const days = overview.overdue_days ?? overview.suggestion_overdue_days;
  const named = late.oldest.map((s) => `${s.received_on} ${s.content.slice(0, 16)}…`);
  if (late.total > late.oldest.length) named.push('…');
  return h('p', { class: 'banner overdue', testid: 'suggestions-overdue' },
    t('suggestions_overdue', { n: late.total, days }), ' ',
    named.join(lang() === 'zh' ? '；' : '; '));
}

function stats(y) {
  const median = y.median_days_to_respond === null ? '—' : String(y.median_days_to_respond);
  return h('div', { class: 'chips', testid: 'suggestion-stats' },
    h('div', { class: 'chip total' }, h('span', { class: 'chip-n' }, String(y.received)), t('stats_received', { year: y.year })),
    h('div', { class: 'chip muted' }, h('span', { class: 'chip-n' }, String(y.answered)), t('stats_answered')),
    h('div', { class: 'chip muted' }, h('span', { class: 'chip-n' }, median), t('stats_median')),
    y.by_category.map((c) => h('div', { class: 'chip muted' }, h('span', { class: 'chip-n' }, String(c.received)), c.category || t('no_category'))));
}

function filters(overview, refresh) {
  const select = (testid, value, options, apply, label) =>
    filterSelect(testid, label, value, options, (v) => { apply(v); query.offset = 0; refresh(); });
  const search = h('input', { type: 'search', class: 'search', testid: 'suggestion-search', placeholder: t('suggestion_search'), 'aria-label': t('suggestion_search'), value: query.text });
  search.addEventListener('change', () => { query.text = search.value; query.offset = 0; refresh(); });
  const open = h('input', { type: 'checkbox', id: 'open-only', testid: 'filter-open', onchange: (e) => { query.open_only = e.target.checked; query.offset = 0; refresh(); } });
  open.checked = query.open_only;
  const year = new Date().getFullYear();
  return h('div', { class: 'toolbar' }, search,
    select('filter-status', query.status, [['', t('all_statuses')], ...options('suggestion_status')], (v) => { query.status = v; }, t('col_status')),
    select('filter-year', query.year ?? '', [['', t('all_years')], ...Array.from({ length: 12 }, (_, i) => [String(year - i), String(year - i)])], (v) => { query.year = v ? Number(v) : null; }, t('col_year')),
    select('filter-category', query.category, [['', t('all_categories')], ...overview.categories.map((c) => [c, c])], (v) => { query.category = v; }, t('col_category')),
    h('label', { class: 'check', for: 'open-only' }, open, t('open_only')));
}

const authorText = (s) => (s.author_kind === 'anonymous' ? t('anonymous') : s.author ?? '');

function table(list, ctx) {
  if (!list.length) return h('div', { class: 'list-wrap' }, h('p', { class: 'empty', testid: 'suggestions-empty' }, t('suggestions_empty')));
  const rows = list.map((s) => h('tr', {
    testid: 'suggestion-row', 'data-id': s.id, class: s.id === selected ? 'selected' : '', ...rowOpener(() => { selected = s.id; ctx.refresh(); }),
  },
    h('td', { class: 'date' }, s.received_on),
    h('td', { class: 'minor' }, label('suggestion_channel', s.channel)),
    h('td', {}, authorText(s)),
    h('td', { class: 'minor' }, s.category),
    h('td', { class: 'name clip' }, s.content),
    h('td', { class: 'minor' }, s.assignee ?? '—'),
    h('td', {}, h('span', { class: `stage sstatus-${s.status}` }, label('suggestion_status', s.status))),
    h('td', {}, s.days_to_respond === null ? '—' : String(s.days_to_respond))));
  return h('div', { class: 'list-wrap' }, h('table', { class: 'table', testid: 'suggestions-table' },
    // 渠道, 类别 and 负责支委 give way to the detail pane when one is open (it shows them).
    h('thead', {}, h('tr', {}, [[t('col_received')], [t('col_channel'), 'minor'], [t('col_author')], [t('col_category'), 'minor'], [t('col_content')], [t('col_assignee'), 'minor'], [t('col_status')], [t('col_days')]].map(([c, cls]) => h('th', { class: cls }, c)))),
    h('tbody', {}, rows)));
}

async function showDetail(detail, id, ctx) {
  let s;
  try { s = await api.suggestionGet(id); } catch { selected = null; detail.parentElement?.classList.remove('has-detail'); return; }
  const kv = (k, v, testid) => h('div', { class: 'kv' }, h('span', { class: 'k' }, k), h('span', { class: 'v', testid }, v || '—'));
  const open = s.status === 'new' || s.status === 'in_progress';
  const act = (fn) => async () => { try { await fn(); toast(t('saved')); ctx.refresh(); } catch (err) { showError(err); } };
  fill(detail,
    h('div', { class: 'detail-head' },
      h('h2', {}, t('suggestion_heading', { date: s.received_on })),
      h('span', { class: `stage sstatus-${s.status}`, testid: 'suggestion-status' }, label('suggestion_status', s.status)),
      h('button', { class: 'icon-btn', 'aria-label': t('close'), onclick: () => { selected = null; detail.parentElement?.classList.remove('has-detail'); clear(detail); } }, '×')),
    h('p', { class: 'content', testid: 'suggestion-content' }, s.content),
    kv(t('col_author'), authorText(s), 'suggestion-author'),
    kv(t('col_channel'), label('suggestion_channel', s.channel)),
    kv(t('col_category'), s.category),
    kv(t('col_assignee'), s.assignee, 'suggestion-assignee'),
    s.response && kv(t('field_response'), s.response, 'suggestion-response'),
    s.responded_on && kv(t('field_responded_on'), t('aside', { main: s.responded_on, note: t('days_n', { n: s.days_to_respond }) })),
    s.published_in && kv(t('published_in'), s.published_in),
    s.decline_reason && kv(t('field_decline_reason'), s.decline_reason),
    h('div', { class: 'actions' },
      h('button', { class: 'btn', testid: 'suggestion-edit', onclick: () => editSuggestion(s, ctx) }, t('edit')),
      open && h('button', { class: 'btn', testid: 'suggestion-assign', onclick: () => assign(s, ctx) }, t('assign')),
      open && h('button', { class: 'btn', testid: 'suggestion-note', onclick: () => addNote(s, ctx) }, t('add_note')),
      open && h('button', { class: 'btn primary', testid: 'suggestion-respond', onclick: () => respond(s, ctx) }, t('respond')),
      s.status === 'answered' && h('button', { class: 'btn', testid: 'suggestion-close', onclick: act(() => api.suggestionClose(s.id)) }, t('close_case')),
      open && h('button', { class: 'btn danger', testid: 'suggestion-decline', onclick: () => decline(s, ctx) }, t('decline')),
      h('button', { class: 'btn danger', testid: 'suggestion-trash', onclick: async () => {
        if (await confirmAndTrash('suggestion', s.id, t('suggestion_heading', { date: s.received_on }))) { selected = null; ctx.refresh(); }
      } }, t('detail_trash'))),
    h('h3', {}, t('handling_notes')),
    s.notes.length
      ? h('table', { class: 'table compact', testid: 'suggestion-notes' }, h('tbody', {}, s.notes.map((n) => h('tr', {}, h('td', {}, n.date), h('td', {}, n.note)))))
      : h('p', { class: 'muted' }, t('no_notes')));
}

function overdueSetting(overview) {
  const days = h('input', { type: 'number', min: 1, max: 365, testid: 'overdue-days', value: overview.overdue_days });
  const error = h('p', { class: 'field-error', role: 'alert', testid: 'error-overdue_days' });
  const save = async (event) => {
    event.preventDefault();
    error.textContent = '';
    try {
      await api.setSuggestionOverdueDays(Number(days.value));
      toast(t('saved'));
    } catch (err) {
      error.textContent = err.message;
    }
  };
  return h('section', { class: 'card narrow' },
    h('form', { class: 'rules', onsubmit: save },
      h('label', {}, t('overdue_days_label'), days),
      h('button', { type: 'submit', class: 'btn primary', testid: 'overdue-days-save' }, t('save'))),
    error);
}

async function editSuggestion(s, { overview, people, refresh }) {
  const fields = [
    { name: 'received_on', label: t('col_received'), type: 'date', required: true, value: s?.received_on ?? today() },
    { name: 'channel', label: t('col_channel'), type: 'select', required: true, value: s?.channel ?? 'box', options: options('suggestion_channel') },
    { name: 'author_kind', label: t('author_kind'), type: 'select', required: true, value: s?.author_kind ?? 'anonymous', options: options('suggestion_author', ['anonymous', 'person', 'named']), hint: t('author_kind_hint') },
    { name: 'author_id', label: t('author_person'), type: 'select', numeric: true, value: s?.author_id ?? '', options: [['', t('none')], ...people.map((p) => [String(p.id), p.name])], hint: t('author_person_hint') },
    { name: 'author_name', label: t('author_name'), value: s?.author_kind === 'named' ? s.author : '', hint: t('author_name_hint') },
    { name: 'category', label: t('col_category'), value: s?.category, suggestions: overview.categories },
    { name: 'content', label: t('col_content'), type: 'textarea', required: true, value: s?.content },
  ];
  // Only the fields that fit the chosen kind of author are shown; anonymous shows neither.
  const onReady = (inputs) => {
    const show = () => {
      const kind = inputs.author_kind.value;
      inputs.author_id.closest('.form-row').classList.toggle('hidden', kind !== 'person');
      inputs.author_name.closest('.form-row').classList.toggle('hidden', kind !== 'named');
    };
    inputs.author_kind.addEventListener('change', show);
    show();
  };
  const id = await openForm({ title: s ? t('suggestion_edit') : t('suggestion_add'), testid: 'suggestion-form', row: 'suggestion-row', fields, onReady, submit: (v) => api.suggestionSave(s?.id ?? null, v) });
  if (id !== undefined) { selected = id; toast(t('saved')); refresh(); }
}

async function assign(s, { committee, refresh }) {
  const fields = [{ name: 'assignee_id', label: t('col_assignee'), type: 'select', numeric: true, required: true, value: s.assignee_id ?? '',
    options: [['', t('none')], ...committee.map((c) => [String(c.person_id), t('aside', { main: c.name, note: label('position', c.position) })])] }];
  const done = await openForm({ title: t('assign'), testid: 'assign-form', fields, submit: (v) => api.suggestionAssign(s.id, v.assignee_id).then(() => true) });
  if (done) { toast(t('saved')); refresh(); }
}

async function addNote(s, { refresh }) {
  const fields = [
    { name: 'date', label: t('field_date'), type: 'date', required: true, value: today() },
    { name: 'notes', label: t('add_note'), type: 'textarea', required: true },
  ];
  const done = await openForm({ title: t('add_note'), testid: 'note-form', fields, submit: (v) => api.suggestionNote(s.id, v.date, v.notes).then(() => true) });
  if (done) { toast(t('saved')); refresh(); }
}

async function respond(s, { refresh }) {
  // The newest issues (unpublished first): a response goes into a current or coming issue.
  const { rows: issues } = await api.bulletinIssues({ text: '', offset: 0, limit: 300 });
  const fields = [
    { name: 'response', label: t('field_response'), type: 'textarea', required: true },
    { name: 'responded_on', label: t('field_responded_on'), type: 'date', required: true, value: today() },
    { name: 'published_issue_id', label: t('published_in'), type: 'select', numeric: true, value: '', hint: t('publish_hint'),
      options: [['', t('not_published')], ...issues.map((i) => [String(i.id), `${i.series} ${t('issue_number', { n: i.number })} ${i.title}`])] },
  ];
  const submit = (v) => api.suggestionRespond(s.id, { ...v, publish: v.published_issue_id !== null }).then(() => true);
  const done = await openForm({ title: t('respond'), testid: 'respond-form', fields, submit });
  if (done) { toast(t('saved')); refresh(); }
}

async function decline(s, { refresh }) {
  const fields = [
    { name: 'decline_reason', label: t('field_decline_reason'), type: 'textarea', required: true },
    { name: 'responded_on', label: t('field_date'), type: 'date', required: true, value: today() },
  ];
  const done = await openForm({ title: t('decline'), testid: 'decline-form', fields, submit: (v) => api.suggestionDecline(s.id, v.decline_reason, v.responded_on).then(() => true) });
  if (done) { toast(t('saved')); refresh(); }
}
