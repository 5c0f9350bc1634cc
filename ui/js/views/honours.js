// 荣誉: honours of the branch (先进党支部, collective awards) and of its people (优秀党支部书记), by year
// and level, with certificate scans kept in the ledger as attachments.
import * as api from '../api.js';
import { takeFocus } from '../focus.js';
import { t } from '../i18n.js';
import { h, filterSelect, fill, openForm, showRecord, toast } from '../dom.js';
import { confirmAndTrash } from './trash.js';
import { openAttachments } from './attachments.js';
import { fetchPage, pager } from './pager.js';
import { label, options } from '../vocabulary.js';

const TITLES = ['先进党支部', '优秀党支部书记', '优秀共产党员', '优秀党务工作者', '先进基层党组织', '先进集体'];
const PAGE = 100;
const query = { year: null, level: '', text: '', offset: 0, limit: PAGE };

const name = (x) => `${x.year} ${x.title}`;
const recipient = (x) => (x.recipient_kind === 'person' ? x.person ?? '' : t(`recipient_${x.recipient_kind}`));

export default async function honours(main, { refresh }) {
  const focus = takeFocus('honour');
  let years = [];
  let bodies = [];
  const fetch = async (q) => { const r = await api.honoursList(q); ({ years, bodies } = r); return r.honours; };
  const [page, people] = await Promise.all([fetchPage(fetch, query), api.peopleNames(true)]);
  const list = page.rows;
  const ctx = { people, refresh, bodies };
  const filtered = query.year !== null || query.level !== '' || query.text.trim() !== '';
  fill(main,
    h('header', { class: 'view-head' }, h('h1', {}, t('honours_title')),
      h('button', { class: 'btn primary', testid: 'honour-add', onclick: () => editHonour(null, ctx) }, t('honour_add'))),
    h('p', { class: 'muted' }, t('honours_text')),
    filters(years, refresh),
    h('div', { testid: 'view-honours' }, table(list, filtered, ctx)),
    list.length ? pager(page, query, (offset) => { query.offset = offset; refresh(); }, 'honours-total', t('honours_total', { n: page.total })) : null);
  if (focus !== null) api.honourGet(focus).then((x) => viewHonour(x, ctx));
}

function filters(years, refresh) {
  const select = (testid, value, options, apply, label) =>
    filterSelect(testid, label, value, options, (v) => { apply(v); query.offset = 0; refresh(); });
  const search = h('input', { type: 'search', class: 'search', testid: 'honour-search', placeholder: t('honour_search'), 'aria-label': t('honour_search'), value: query.text });
  search.addEventListener('change', () => { query.text = search.value; query.offset = 0; refresh(); });
  // A chosen year stays offered even when its last honour has gone to the trash.
  const shown = query.year !== null && !years.includes(query.year) ? [query.year, ...years] : years;
  return h('div', { class: 'toolbar' }, search,
    select('filter-year', query.year ?? '', [['', t('all_years')], ...shown.map((y) => [String(y), String(y)])], (v) => { query.year = v ? Number(v) : null; }, t('col_honour_year')),
    select('filter-level', query.level, [['', t('all_levels')], ...options('honour_level')], (v) => { query.level = v; }, t('col_level')));
}

function table(list, filtered, ctx) {
  if (!list.length) return h('p', { class: 'empty', testid: 'honours-empty' }, t(filtered ? 'honours_none_match' : 'honours_empty'));
  const rows = list.map((x) => h('tr', { testid: 'honour-row' },
    h('td', { class: 'date' }, String(x.year), x.awarded_on ? h('div', { class: 'muted small' }, x.awarded_on) : null),
    h('td', { class: 'name' }, x.title, x.notes ? h('div', { class: 'muted small' }, x.notes) : null),
    h('td', {}, h('span', { class: 'tag' }, label('honour_level', x.level))),
    h('td', { testid: 'honour-recipient' }, recipient(x)),
    h('td', {}, x.awarding_body || '—'),
    h('td', { class: 'row-actions' },
      h('button', { class: 'btn small', testid: 'honour-edit', onclick: () => editHonour(x, ctx) }, t('edit')),
      h('button', { class: 'btn small', testid: 'honour-certificate', onclick: () => certificate(x, ctx) },
        x.attachments ? t('honour_certificate_n', { n: x.attachments }) : t('honour_certificate')),
      h('button', { class: 'btn small danger', testid: 'honour-trash', onclick: async () => {
        if (await confirmAndTrash('honour', x.id, name(x))) ctx.refresh();
      } }, t('detail_trash')))));
  return h('div', { class: 'list-wrap' }, h('table', { class: 'table', testid: 'honours-table' },
    h('thead', {}, h('tr', {}, [t('col_honour_year'), t('col_honour_title'), t('col_level'), t('col_recipient'), t('col_awarding_body'), ''].map((c) => h('th', {}, c)))),
    h('tbody', {}, rows)));
}

async function certificate(x, ctx) {
  await openAttachments({ owner: 'honour', ownerId: x.id, title: t('honour_files_title', { name: name(x) }), kinds: ['certificate', 'photo', 'other'] });
  ctx.refresh();
}

/** An honour opened from the search box: as recorded, with 编辑. */
function viewHonour(x, ctx) {
  return showRecord({
    title: x.title,
    testid: 'honour-view',
    items: [
      [t('col_honour_year'), String(x.year)],
      [t('field_awarded_on'), x.awarded_on],
      [t('col_level'), label('honour_level', x.level)],
      [t('col_recipient'), recipient(x)],
      [t('col_awarding_body'), x.awarding_body],
      [t('field_notes'), x.notes, true],
    ],
    onEdit: () => editHonour(x, ctx),
  });
}

async function editHonour(x, { people, bodies, refresh }) {
  const fields = [
    { name: 'year', label: t('col_honour_year'), type: 'number', required: true, value: x?.year ?? new Date().getFullYear() },
    { name: 'awarded_on', label: t('field_awarded_on'), type: 'date', value: x?.awarded_on ?? '', hint: t('awarded_on_hint') },
    { name: 'honour_title', label: t('col_honour_title'), required: true, value: x?.title, suggestions: TITLES },
    { name: 'level', label: t('col_level'), type: 'select', required: true, value: x?.level ?? 'university', options: options('honour_level') },
    { name: 'recipient', label: t('col_recipient'), type: 'select', required: true, value: x?.recipient_kind ?? 'branch',
      options: [['branch', t('recipient_branch')], ['person', t('recipient_person')], ['unit', t('recipient_unit')]], hint: t('recipient_hint') },
    { name: 'awardee_id', label: t('field_awardee'), type: 'select', numeric: true, required: true, value: x?.person_id ?? '',
      options: [['', t('awardee_choose')], ...people.map((p) => [String(p.id), p.name])] },
    { name: 'awarding_body', label: t('col_awarding_body'), value: x?.awarding_body, suggestions: bodies, hint: t('awarding_body_hint') },
    { name: 'notes', label: t('field_notes'), type: 'textarea', value: x?.notes },
  ];
  // The person is asked for only when the honour goes to a person.
  const onReady = (inputs) => {
    const show = () => inputs.awardee_id.closest('.form-row').classList.toggle('hidden', inputs.recipient.value !== 'person');
    inputs.recipient.addEventListener('change', show);
    show();
  };
  const submit = (v) => api.honourSave(x?.id ?? null, {
    year: v.year === null ? null : Math.trunc(v.year),
    awarded_on: v.awarded_on,
    title: v.honour_title,
    level: v.level,
    recipient_kind: v.recipient,
    person_id: v.recipient === 'person' ? v.awardee_id : null,
    awarding_body: v.awarding_body,
    notes: v.notes,
  });
  const id = await openForm({ title: x ? t('honour_edit') : t('honour_add'), testid: 'honour-form', fields, onReady, submit });
  if (id !== undefined) { toast(t('saved')); refresh(); }
}
