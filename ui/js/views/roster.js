// 花名册: counts by stage, warnings (probation due, re-election), a searchable sortable list, and a
// detail panel with the person's history and the actions on them.
import * as api from '../api.js';
import { showFile } from './admission.js';
import { takeFocus } from '../focus.js';
import { t, lang } from '../i18n.js';
import { h, clear, fill, openForm, rowOpener, toast } from '../dom.js';
import { confirmAndTrash } from './trash.js';
import { overdueBanner } from './suggestions.js';
import { stageOptions, genderOptions, groupOptions, stageLabel, genderLabel } from './labels.js';
import { fetchPage, pager } from './pager.js';
import { today } from '../dates.js';
import { codes, label } from '../vocabulary.js';

const PAGE = 100;
// The roster table pages in SQL (a big ledger has thousands of people), sorted there (names in pinyin order).
const query = { text: '', stage: '', party_group_id: null, include_left: false, sort: 'name', offset: 0, limit: PAGE };
let selected = null;

/** The app's navigation, for the links from a person to their admission file. */
let navigate = null;

export default async function roster(main, { go }) {
  navigate = go;
  const focus = takeFocus('person');
  if (focus !== null) { selected = focus; Object.assign(query, { text: '', stage: '', party_group_id: null, include_left: true, offset: 0 }); }
  const overview = await api.rosterOverview();
  const list = h('div', { class: 'list-wrap' });
  const detail = h('aside', { class: 'detail', testid: 'person-detail' });
  const reload = async () => {
    Object.assign(overview, await api.rosterOverview());
    fill(main, page(overview, list, detail, reload, go));
    await fillList(list, overview, detail, reload);
    if (selected) await showDetail(detail, selected, overview, reload);
  };
  await reload();
}

function page(overview, list, detail, reload, go) {
  return [
    h('header', { class: 'view-head' },
      h('h1', {}, t('roster_title')),
      h('button', { class: 'btn primary', testid: 'add-person', onclick: () => addPerson(overview, reload) }, t('roster_add'))),
    counts(overview, reload),
    // The same reminders as on the home screen, one line each, so the list stays in view on a small screen.
    h('div', { class: 'banners compact', testid: 'roster-banners' },
      warnings(overview), backupReminder(overview.backup_reminder, go), overdueBanner(overview)),
    toolbar(overview, reload),
    h('div', { class: 'split', testid: 'view-roster' }, list, detail),
  ].flat();
}

function counts(overview, reload) {
  const c = overview.counts;
  const chip = (key, n, label) =>
    h('button', {
      class: `chip ${query.stage === key ? 'active' : ''}`,
      testid: `count-${key}`,
      onclick: () => { query.stage = query.stage === key ? '' : key; query.offset = 0; reload(); },
    }, h('span', { class: 'chip-n' }, String(n)), label);
  return h('div', { class: 'chips', testid: 'roster-counts' },
    h('div', { class: 'chip total', testid: 'count-members' }, h('span', { class: 'chip-n' }, String(c.full + c.probationary)), t('roster_members_total')),
    codes('stage').map((s) => chip(s, c[s], stageLabel(s))),
    h('div', { class: 'chip muted', testid: 'count-left' }, h('span', { class: 'chip-n' }, String(c.left)), t('left')));
}

function warnings(overview) {
  const out = [];
  const r = overview.reelection;
  if (r && r.state !== 'ok') {
    const key = r.state === 'overdue' ? 'reelection_overdue' : 'reelection_due_soon';
    out.push(h('p', { class: `banner ${r.state}`, testid: 'reelection-warning' },
      t(key, { ordinal: r.ordinal, elected: r.elected_on, due: r.due_on })));
  }
  if (overview.probation_due.length) {
    out.push(h('p', { class: 'banner due-soon', testid: 'probation-due' },
      t('probation_due_title'), ' ',
      overview.probation_due.map((p) => t('probation_due_item', { name: p.name, due: p.due_on })).join(lang() === 'zh' ? '、' : ', ')));
  }
  return out;
}

function backupReminder(reminder, go) {
  if (!reminder) return null;
  const text = reminder.last
    ? t('backup_reminder_old', { days: reminder.days_since, last: reminder.last })
    : t('backup_reminder_never');
  return h('p', { class: 'banner due-soon', testid: 'backup-reminder' }, text, ' ',
    h('button', { class: 'btn small', testid: 'backup-reminder-go', onclick: () => go('backup') }, t('backup_now')));
}

function toolbar(overview, reload) {
  const search = h('input', { type: 'search', class: 'search', testid: 'roster-search', placeholder: t('roster_search'), 'aria-label': t('roster_search'), value: query.text });
  let timer;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => { query.text = search.value; query.offset = 0; refocus(reload); }, 200);
  });
  const stage = h('select', { testid: 'filter-stage', 'aria-label': t('col_stage'), onchange: (e) => { query.stage = e.target.value; query.offset = 0; reload(); } },
    h('option', { value: '' }, t('roster_all_stages')), codes('stage').map((s) => h('option', { value: s }, stageLabel(s))));
  stage.value = query.stage;
  const group = h('select', { testid: 'filter-group', 'aria-label': t('col_group'), onchange: (e) => { query.party_group_id = e.target.value ? Number(e.target.value) : null; query.offset = 0; reload(); } },
    h('option', { value: '' }, t('roster_all_groups')), overview.groups.map((g) => h('option', { value: g.id }, g.name)));
  group.value = query.party_group_id ?? '';
  const left = h('input', { type: 'checkbox', id: 'include-left', testid: 'filter-left', onchange: (e) => { query.include_left = e.target.checked; query.offset = 0; reload(); } });
  left.checked = query.include_left;
  return h('div', { class: 'toolbar' }, search, stage, group, h('label', { class: 'check', for: 'include-left' }, left, t('roster_include_left')));
}

/** Reloads, then puts the cursor back in the search box so typing can go on. */
async function refocus(reload) {
  await reload();
  const box = document.querySelector('[data-testid="roster-search"]');
  box?.focus();
  box?.setSelectionRange(box.value.length, box.value.length);
}

async function fillList(list, overview, detail, reload) {
  // One page, sorted by the database (names in pinyin order, as a Chinese reader expects).
  const page = await fetchPage(api.peopleList, query);
  const rows = page.rows;
  const key = query.sort.replace('-', '');
  const header = (sortKey, label) => {
    const active = key === sortKey;
    const arrow = active ? (query.sort.startsWith('-') ? ' ▼' : ' ▲') : '';
    return h('th', {},
      h('button', {
        class: 'sort', testid: `sort-${sortKey}`,
        onclick: () => { query.sort = active && !query.sort.startsWith('-') ? `-${sortKey}` : sortKey; query.offset = 0; reload(); },
      }, label + arrow));
  };
  const body = rows.map((p) =>
    h('tr', {
      class: `${p.id === selected ? 'selected' : ''} ${p.left_on ? 'left' : ''}`,
      testid: 'person-row', 'data-id': p.id, ...rowOpener(() => { selected = p.id; reload(); }),
    },
      h('td', { class: 'name' }, p.name),
      h('td', {}, genderLabel(p.gender)),
      h('td', {}, h('span', { class: `stage stage-${p.stage}` }, p.left_on ? t('aside', { main: stageLabel(p.stage), note: t('left') }) : stageLabel(p.stage))),
      h('td', { class: 'date' }, p.stage_since),
      h('td', {}, p.party_group ?? ''),
      h('td', {}, p.phone)));
  fill(list, 
    h('table', { class: 'table', testid: 'roster-table' },
      h('thead', {}, h('tr', {}, header('name', t('col_name')), h('th', {}, t('col_gender')), header('stage', t('col_stage')),
        header('since', t('col_since')), header('group', t('col_group')), h('th', {}, t('col_phone')))),
      h('tbody', {}, body)),
    rows.length ? pager(page, query, (offset) => { query.offset = offset; reload(); }, 'roster-shown', t('roster_shown', { n: page.total }))
      : h('p', { class: 'empty', testid: 'roster-empty' }, t('roster_empty')));
}

async function showDetail(detail, id, overview, reload) {
  let d;
  try {
    d = await api.personGet(id);
  } catch {
    selected = null;
    clear(detail);
    return;
  }
  const p = d.person;
  const field = (label, value) => h('div', { class: 'kv' }, h('span', { class: 'k' }, label), h('span', { class: 'v' }, value || '—'));
  const actions = [
    h('button', { class: 'btn', testid: 'edit-person', onclick: () => editPerson(p, overview, reload) }, t('edit')),
    !p.left_on && h('button', { class: 'btn', testid: 'change-stage', onclick: () => changeStage(p, reload) }, t('detail_change_stage')),
    h('button', { class: 'btn', testid: 'transfer', onclick: () => transfer(p, reload) }, p.left_on ? t('detail_transfer_in') : t('detail_transfer_out')),
    h('button', { class: 'btn danger', testid: 'trash-person', onclick: () => trashPerson(p, reload) }, t('detail_trash')),
  ];
  fill(detail, 
    h('div', { class: 'detail-head' },
      h('h2', { testid: 'detail-name' }, p.name),
      h('span', { class: `stage stage-${p.stage}`, testid: 'detail-stage' }, stageLabel(p.stage)),
      h('button', { class: 'icon-btn', 'aria-label': t('close'), testid: 'detail-close', onclick: () => { selected = null; clear(detail); } }, '×')),
    d.probation_ends_on && h('p', { class: 'note' }, t('detail_probation_ends', { date: d.probation_ends_on })),
    p.left_on && h('p', { class: 'note' }, t('detail_left_on', { date: p.left_on })),
    h('div', { class: 'actions' }, actions),
    field(t('field_gender'), genderLabel(p.gender)),
    field(t('field_birth_date'), p.birth_date),
    field(t('field_phone'), p.phone),
    field(t('field_party_group'), p.party_group),
    field(t('detail_roles'), d.roles.join(lang() === 'zh' ? '、' : '; ')),
    field(t('field_notes'), p.notes),
    participation(p.id),
    h('h3', {}, t('detail_history')),
    h('table', { class: 'table compact', testid: 'stage-history' },
      h('tbody', {}, d.history.map((s) => h('tr', {},
        h('td', {}, s.date),
        h('td', {}, s.from ? `${stageLabel(s.from)} → ${stageLabel(s.to)}` : t('history_entered', { stage: stageLabel(s.to) })),
        h('td', { class: 'muted' }, s.note))))),
    admissionBlock(p),
    h('h3', {}, t('detail_transfers')),
    d.transfers.length
      ? h('table', { class: 'table compact', testid: 'transfer-history' },
        h('tbody', {}, d.transfers.map((x) => h('tr', {},
          h('td', {}, x.date), h('td', {}, t(x.direction === 'in' ? 'transfer_in' : 'transfer_out')),
          h('td', {}, x.organisation), h('td', { class: 'muted' }, x.note)))))
      : h('p', { class: 'muted' }, t('detail_no_transfers')),
    borrowing(p.id));
}

/** For someone on the way to membership: what is due in their admission file, and a link to it. */
function admissionBlock(p) {
  if (!['applicant', 'activist', 'candidate', 'probationary'].includes(p.stage) || p.left_on) return null;
  const box = h('div', { testid: 'person-admission' });
  api.admissionFile(p.id).then((f) => {
    fill(box,
      f.due.length ? h('ul', { class: 'reminders' }, f.due.map((d) => h('li', { class: `reminder ${d.state === 'overdue' ? 'missing' : 'due'}`, testid: 'person-due' }, lang() === 'zh' ? d.zh : d.en))) : null,
      h('button', { class: 'btn small', testid: 'person-admission-file', onclick: () => showFile(p.id, navigate) }, t('roster_admission_file')));
  }).catch(() => {});
  return box;
}

/** The books this person has borrowed from the branch bookshelf, newest first. */
function borrowing(personId) {
  const box = h('div', { testid: 'person-loans' });
  api.loansList({ person_id: personId, limit: 20 }).then((page) => {
    const state = (l) => (l.lost_on ? t('loan_lost_on', { date: l.lost_on }) : l.returned_on ? t('returned_on', { date: l.returned_on })
      : l.overdue_days !== null ? t('overdue_days', { n: l.overdue_days }) : t('lent_to_due', { due: l.due_on }));
    fill(box, page.rows.length
      ? [page.rows.map((l) => h('div', { class: 'small' }, `${l.loaned_on} ${t('book_name', { name: l.title })} `, h('span', { class: 'muted' }, state(l)))),
        page.total > page.rows.length ? h('div', { class: 'muted small' }, t('and_more', { n: page.total - page.rows.length })) : null]
      : h('p', { class: 'muted' }, t('loans_empty')));
  });
  return [h('h3', {}, t('loan_history')), box];
}

/** The person's activities and attendance rate in a year (this year unless chosen). */
function participation(personId) {
  const box = h('div', { class: 'participation', testid: 'participation' });
  const years = Array.from({ length: 12 }, (_, i) => new Date().getFullYear() - i);
  const pick = h('select', { 'aria-label': t('col_year'), testid: 'participation-year' }, years.map((y) => h('option', { value: y }, String(y))));
  const show = async () => {
    const p = await api.personParticipation(personId, Number(pick.value));
    const rate = p.rate.expected ? t('aside', { main: `${p.rate.present}/${p.rate.expected}`, note: `${Math.round((100 * p.rate.present) / p.rate.expected)}%` }) : '—';
    fill(box, h('div', { class: 'kv' }, h('span', { class: 'k' }, t('participation_rate')), h('span', { class: 'v', testid: 'participation-rate' }, rate)),
      p.activities.rows.slice(0, 8).map((a) => h('div', { class: 'muted small' }, `${a.date} ${label('activity_kind', a.kind)} ${a.title}`)),
      p.activities.total > 8 ? h('div', { class: 'muted small' }, t('and_more', { n: p.activities.total - 8 })) : null);
  };
  pick.addEventListener('change', show);
  show();
  return [h('h3', {}, t('participation_title'), ' ', pick), box];
}

function personFields(p, overview) {
  return [
    { name: 'name', label: t('field_name'), required: true, value: p?.name },
    { name: 'gender', label: t('field_gender'), type: 'select', options: genderOptions(), value: p?.gender ?? '' },
    { name: 'birth_date', label: t('field_birth_date'), type: 'date', value: p?.birth_date },
    { name: 'phone', label: t('field_phone'), value: p?.phone },
    { name: 'party_group_id', label: t('field_party_group'), type: 'select', numeric: true, options: groupOptions(overview.groups), value: p?.party_group_id ?? '' },
  ];
}

const notesField = (value) => ({ name: 'notes', label: t('field_notes'), type: 'textarea', value });

async function addPerson(overview, reload) {
  const fields = [
    ...personFields(null, overview),
    { name: 'stage', label: t('field_stage'), type: 'select', options: stageOptions(), value: 'full', required: true },
    { name: 'since', label: t('field_since'), type: 'date', required: true, value: today() },
    { name: 'transferred_from', label: t('field_transferred_from') },
    notesField(''),
  ];
  const id = await openForm({ title: t('person_new'), testid: 'person-form', row: 'person-row', fields, submit: (v) => api.personAdd(v) });
  if (id !== undefined) {
    selected = id;
    toast(t('saved'));
    await reload();
  }
}

async function editPerson(p, overview, reload) {
  const fields = [...personFields(p, overview), notesField(p.notes)];
  const done = await openForm({ title: t('person_edit'), testid: 'person-form', fields, submit: (v) => api.personUpdate(p.id, v).then(() => true) });
  if (done) { toast(t('saved')); await reload(); }
}

async function changeStage(p, reload) {
  const options = stageOptions().filter(([value]) => value !== p.stage);
  const fields = [
    { name: 'stage', label: t('field_to'), type: 'select', options, required: true },
    { name: 'date', label: t('field_date'), type: 'date', required: true },
    { name: 'note', label: t('field_note'), type: 'textarea' },
  ];
  const submit = (v) => api.personChangeStage(p.id, { to: v.stage, date: v.date, note: v.note }).then(() => true);
  const done = await openForm({ title: t('stage_change_title', { name: p.name }), testid: 'stage-form', fields, submit });
  if (done) { toast(t('saved')); await reload(); }
}

async function transfer(p, reload) {
  const direction = p.left_on ? 'in' : 'out';
  const fields = [
    { name: 'date', label: t('field_date'), type: 'date', required: true },
    { name: 'organisation', label: t('field_organisation'), required: true },
    { name: 'note', label: t('field_note'), type: 'textarea' },
  ];
  const submit = (v) => api.personTransfer(p.id, { direction, ...v }).then(() => true);
  const title = t(direction === 'in' ? 'transfer_title_in' : 'transfer_title_out', { name: p.name });
  const done = await openForm({ title, testid: 'transfer-form', fields, submit });
  if (done) { toast(t('saved')); await reload(); }
}

async function trashPerson(p, reload) {
  if (await confirmAndTrash('person', p.id, p.name)) {
    selected = null;
    await reload();
  }
}
