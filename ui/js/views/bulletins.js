// 宣传: the series (宣传栏, 工作简报, websites, WeChat) and their numbered issues, with numbering gaps
// shown, filters, and the issues per series per year.
import * as api from '../api.js';
import { takeFocus } from '../focus.js';
import { t, lang } from '../i18n.js';
import { h, filterSelect, rowOpener, fill, openForm, showRecord, toast } from '../dom.js';
import { confirmAndTrash } from './trash.js';
import { openAttachments } from './attachments.js';
import { fetchPage, pager } from './pager.js';
import { label, options } from '../vocabulary.js';

const PAGE = 100;
const query = { series_id: null, year: null, status: '', topic: '', text: '', offset: 0, limit: PAGE };

export default async function bulletins(main, { refresh }) {
  const focus = takeFocus('bulletin_issue');
  if (focus !== null) Object.assign(query, { series_id: null, year: null, status: '', topic: '', text: '', offset: 0 });
  const [overview, page, people] = await Promise.all([
    api.bulletinsOverview(),
    fetchPage(api.bulletinIssues, query),
    api.peopleNames(true),
  ]);
  const ctx = { overview, people, refresh };
  fill(main,
    h('header', { class: 'view-head' }, h('h1', {}, t('bulletins_title')),
      h('div', { class: 'head-actions' },
        h('button', { class: 'btn', testid: 'series-add', onclick: () => editSeries(null, refresh) }, t('series_add')),
        h('button', { class: 'btn primary', testid: 'issue-add', onclick: () => editIssue(null, ctx) }, t('issue_add')))),
    seriesChips(overview, refresh),
    overview.gaps.map((g) => h('p', { class: 'banner due-soon', testid: 'numbering-gap' },
      t('numbering_gap', { series: g.series, numbers: g.missing.join('、') }))),
    filters(overview, refresh),
    h('div', { testid: 'view-bulletins' }, issueTable(page, ctx)),
    perYear(overview));
  // The issue asked for may be on another page: fetch it by itself.
  if (focus !== null) api.bulletinIssueGet(focus).then((issue) => viewIssue(issue, ctx), () => {});
}

function seriesChips(overview, refresh) {
  const chip = (id, label, n) => h('button', {
    class: `chip ${query.series_id === id ? 'active' : ''}`, testid: id === null ? 'series-all' : 'series-chip',
    onclick: () => { query.series_id = id; query.offset = 0; refresh(); },
  }, n !== undefined ? h('span', { class: 'chip-n' }, String(n)) : null, label);
  const active = overview.series.find((s) => s.id === query.series_id);
  return h('div', { class: 'chips' },
    chip(null, t('all_series')),
    overview.series.map((s) => chip(s.id, t('aside', { main: s.name, note: label('series_kind', s.kind) }), s.issues)),
    active && h('button', { class: 'btn small', testid: 'series-edit', onclick: () => editSeries(active, refresh) }, t('edit')),
    active && h('button', { class: 'btn small danger', testid: 'series-trash', onclick: async () => {
      if (await confirmAndTrash('bulletin_series', active.id, active.name)) { query.series_id = null; query.offset = 0; refresh(); }
    } }, t('detail_trash')));
}

function filters(overview, refresh) {
  const years = [...new Set(overview.per_year.map((y) => y.year))].sort((a, b) => b - a);
  const select = (testid, value, options, onchange, label) =>
    filterSelect(testid, label, value, options, (v) => { onchange(v); query.offset = 0; refresh(); });
  const search = h('input', { type: 'search', class: 'search', testid: 'issue-search', placeholder: t('issue_search'), 'aria-label': t('issue_search'), value: query.text });
  search.addEventListener('change', () => { query.text = search.value; query.offset = 0; refresh(); });
  return h('div', { class: 'toolbar' }, search,
    select('filter-year', query.year ?? '', [['', t('all_years')], ...years.map((y) => [String(y), String(y)])], (v) => { query.year = v ? Number(v) : null; }, t('col_year')),
    select('filter-status', query.status, [['', t('all_statuses')], ...options('issue_status')], (v) => { query.status = v; }, t('col_status')),
    select('filter-topic', query.topic, [['', t('all_topics')], ...overview.topics.map((tp) => [tp, tp])], (v) => { query.topic = v; }, t('col_topics')));
}

function issueTable(page, ctx) {
  const issues = page.rows;
  if (!issues.length) return h('p', { class: 'empty', testid: 'issues-empty' }, t('issues_empty'));
  const rows = issues.map((i) => h('tr', { testid: 'issue-row', 'data-id': i.id, ...rowOpener(() => viewIssue(i, ctx)) },
    h('td', {}, i.series),
    h('td', { class: 'date' }, t('issue_number', { n: i.number })),
    h('td', { class: 'name' }, i.title),
    h('td', {}, i.topics.map((tp) => h('span', { class: 'tag' }, tp))),
    h('td', { class: 'date' }, i.publish_date ?? '—'),
    h('td', {}, h('span', { class: `stage status-${i.status}` }, label('issue_status', i.status))),
    h('td', {}, i.editors.map((e) => e.name).join('、')),
    h('td', { class: 'row-actions' }, h('button', {
      class: 'btn small', testid: 'issue-attachments',
      onclick: async (e) => {
        e.stopPropagation();
        await openAttachments({ owner: 'bulletin_issue', ownerId: i.id, title: t('titled', { main: `${i.series} ${t('issue_number', { n: i.number })}`, title: i.title }), kinds: ['published', 'photo', 'other'] });
        ctx.refresh();
      },
    }, t('attachments_n', { n: i.attachments })), h('button', {
      class: 'btn small danger', testid: 'issue-trash',
      onclick: async (e) => {
        e.stopPropagation();
        if (await confirmAndTrash('bulletin_issue', i.id, `${i.series} ${t('issue_number', { n: i.number })}`)) ctx.refresh();
      },
    }, t('detail_trash')))));
  return h('div', { class: 'list-wrap' },
    h('table', { class: 'table', testid: 'issues-table' },
      h('thead', {}, h('tr', {}, [t('col_series'), t('col_number'), t('col_title'), t('col_topics'), t('col_date'), t('col_status'), t('col_editors'), ''].map((c) => h('th', {}, c)))),
      h('tbody', {}, rows)),
    pager(page, query, (offset) => { query.offset = offset; ctx.refresh(); }, 'issues-total', t('issues_shown', { n: page.total })));
}

function perYear(overview) {
  if (!overview.per_year.length) return null;
  return h('section', { class: 'card narrow' },
    h('h2', {}, t('per_year_title')),
    h('table', { class: 'table compact', testid: 'per-year' },
      h('thead', {}, h('tr', {}, [t('col_year'), t('col_series'), t('per_year_issues'), t('per_year_published')].map((c) => h('th', {}, c)))),
      h('tbody', {}, overview.per_year.map((y) => h('tr', {}, h('td', {}, String(y.year)), h('td', {}, y.series), h('td', {}, String(y.issues)), h('td', {}, String(y.published)))))));
}

async function editSeries(series, refresh) {
  const fields = [
    { name: 'name', label: t('field_name'), required: true, value: series?.name },
    { name: 'kind', label: t('series_kind'), type: 'select', options: options('series_kind'), value: series?.kind ?? 'bulletin_board', required: true },
    { name: 'notes', label: t('field_notes'), type: 'textarea', value: series?.notes },
  ];
  const id = await openForm({ title: series ? t('series_edit') : t('series_add'), testid: 'series-form', fields, submit: (v) => api.bulletinSeriesSave(series?.id ?? null, v) });
  if (id !== undefined) { query.series_id = id; query.offset = 0; toast(t('saved')); refresh(); }
}

/** An issue opened from the list or the search box: as recorded, with 编辑. */
function viewIssue(issue, ctx) {
  const sep = lang() === 'zh' ? '、' : ', ';
  return showRecord({
    title: t('issue_label', { series: issue.series, n: issue.number }),
    testid: 'issue-view',
    items: [
      [t('col_title'), issue.title],
      [t('col_status'), label('issue_status', issue.status)],
      [t('col_date'), issue.publish_date],
      [t('col_topics'), issue.topics.join(sep)],
      [t('col_editors'), issue.editors.map((e) => e.name).join(sep)],
      [t('issue_link'), issue.link],
      [t('issue_body'), issue.body, true],
    ],
    onEdit: () => editIssue(issue, ctx),
  });
}

async function editIssue(issue, { overview, people, refresh }) {
  if (!overview.series.length) { toast(t('series_first'), 'error'); return; }
  const seriesId = issue?.series_id ?? query.series_id ?? overview.series[0].id;
  const number = issue?.number ?? await api.bulletinNextNumber(seriesId);
  const fields = [
    { name: 'series_id', label: t('col_series'), type: 'select', numeric: true, required: true, value: String(seriesId), options: overview.series.map((s) => [String(s.id), s.name]) },
    { name: 'number', label: t('col_number'), type: 'number', required: true, value: number, hint: t('number_hint') },
    { name: 'title', label: t('col_title'), required: true, value: issue?.title },
    { name: 'status', label: t('col_status'), type: 'select', required: true, value: issue?.status ?? 'draft', options: options('issue_status') },
    { name: 'publish_date', label: t('col_date'), type: 'date', value: issue?.publish_date, hint: t('publish_date_hint') },
    { name: 'topics', label: t('col_topics'), type: 'list', value: (issue?.topics ?? []).join('、'), hint: t('topics_hint'), suggestions: overview.topics },
    { name: 'editor_ids', label: t('col_editors'), type: 'multiselect', value: (issue?.editors ?? []).map((e) => e.id), options: people.map((p) => [p.id, p.name, p.initials]) },
    { name: 'link', label: t('issue_link'), value: issue?.link },
    { name: 'body', label: t('issue_body'), type: 'textarea', value: issue?.body },
  ];
  // A new issue in another series gets that series' next number proposed.
  const onReady = (inputs) => {
    if (issue) return;
    inputs.series_id.addEventListener('change', async () => {
      inputs.number.value = await api.bulletinNextNumber(Number(inputs.series_id.value));
    });
  };
  const title = issue ? t('issue_edit', { series: issue.series, n: issue.number }) : t('issue_add');
  const id = await openForm({ title, testid: 'issue-form', row: 'issue-row', fields, onReady, submit: (v) => api.bulletinIssueSave(issue?.id ?? null, v) });
  if (id !== undefined) { toast(t('saved')); refresh(); }
}
