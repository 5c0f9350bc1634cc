// 组织生活: the activity log. A paged, filtered list; a form whose attendance starts from the roster as
// of the day (everyone present, exceptions marked); files kept with each activity.
import * as api from '../api.js';
import { takeFocus, takeDraft } from '../focus.js';
import { t, lang } from '../i18n.js';
import { pager } from './pager.js';
import { h, filterSelect, rowOpener, fill, openForm, showRecord, toast } from '../dom.js';
import { confirmAndTrash } from './trash.js';
import { openAttachments } from './attachments.js';
import { today } from '../dates.js';
import { label, options } from '../vocabulary.js';
import { exportWithProgress, printPage } from '../papers.js';

const PAGE = 100;
const query = { year: null, kind: '', campaign_id: null, project_id: null, person_id: null, text: '', limit: PAGE, offset: 0 };

export default async function activities(main, { refresh }) {
  const campaign = takeFocus('campaign');
  const project = takeFocus('special_project');
  if (campaign !== null || project !== null) Object.assign(query, { year: null, kind: '', person_id: null, text: '', offset: 0, campaign_id: campaign, project_id: project });
  const activity = takeFocus('activity');
  const draft = takeDraft('activity');
  const [overview, page, people, groups] = await Promise.all([
    api.activitiesOverview(), api.activitiesList(query),
    api.peopleNames(true), api.groupsList(),
  ]);
  const ctx = { overview, people, groups, refresh };
  const progress = h('progress', { max: 100, value: 0, class: 'hidden', testid: 'export-progress' });
  const year = query.year;
  const binder = year === null ? null : h('button', { class: 'btn', testid: 'activities-binder',
    onclick: () => exportWithProgress(progress, () => api.binderExport(`${year}-01-01`, `${year}-12-31`, 'pdf')) }, t('activities_binder', { year }));
  fill(main,
    h('header', { class: 'view-head' }, h('h1', {}, t('activities_title')),
      h('div', { class: 'head-actions' }, binder,
        h('button', { class: 'btn primary', testid: 'activity-add', onclick: () => editActivity(null, ctx) }, t('activity_add')))),
    filters(overview, people, refresh),
    progress,
    h('div', { testid: 'view-activities' }, table(page, ctx)),
    pager(page, query, (offset) => { query.offset = offset; refresh(); }, 'activities-total', t('activities_total', { n: page.total })),
    h('div', { class: 'dash-row two' }, campaignsCard(overview, refresh), projectsCard(overview, refresh)));
  if (activity !== null) open(activity, ctx);
  else if (draft) editActivity(null, ctx, draft);
}

function campaignsCard(overview, refresh) {
  const edit = async (c) => {
    const fields = [
      { name: 'name', label: t('field_name'), required: true, value: c?.name },
      { name: 'starts_on', label: t('starts_on'), type: 'date', required: true, value: c?.starts_on },
      { name: 'ends_on', label: t('term_ends_on'), type: 'date', value: c?.ends_on },
    ];
    const id = await openForm({ title: t('campaign_edit'), testid: 'campaign-form', fields, submit: (v) => api.campaignSave(c?.id ?? null, v) });
    if (id !== undefined) { toast(t('saved')); refresh(); }
  };
  return h('section', { class: 'card' },
    h('div', { class: 'card-head' }, h('h2', {}, t('col_campaign')), h('button', { class: 'btn small', testid: 'campaign-add', onclick: () => edit(null) }, t('add'))),
    h('ul', { class: 'plain', testid: 'campaigns' }, overview.campaigns.map((c) => h('li', {},
      h('button', { class: 'link', onclick: () => { query.campaign_id = c.id; query.offset = 0; refresh(); } }, c.name),
      h('span', { class: 'muted' }, ` ${c.starts_on} – ${c.ends_on ?? ''} `),
      h('button', { class: 'btn small', onclick: () => edit(c) }, t('edit'))))));
}

function projectsCard(overview, refresh) {
  const edit = async (p) => {
    const fields = [
      { name: 'year', label: t('col_year'), type: 'number', required: true, value: p?.year ?? new Date().getFullYear() },
      { name: 'title', label: t('col_title'), required: true, value: p?.title },
      { name: 'filed_on', label: t('filed_on'), type: 'date', value: p?.filed_on },
      { name: 'status', label: t('col_status'), type: 'select', required: true, value: p?.status ?? 'filed',
        options: options('project_status') },
      { name: 'rating', label: t('rating'), value: p?.rating, suggestions: ['优秀成果', '良好', '合格'] },
    ];
    const id = await openForm({ title: t('project_edit'), testid: 'project-form', fields, submit: (v) => api.projectSave(p?.id ?? null, v) });
    if (id !== undefined) { toast(t('saved')); refresh(); }
  };
  return h('section', { class: 'card' },
    h('div', { class: 'card-head' }, h('h2', {}, t('col_project')), h('button', { class: 'btn small', testid: 'project-add', onclick: () => edit(null) }, t('add'))),
    h('ul', { class: 'plain', testid: 'projects' }, overview.projects.map((p) => h('li', {},
      h('button', { class: 'link', onclick: () => { query.project_id = p.id; query.offset = 0; refresh(); } }, `${p.year} ${p.title}`),
      h('span', { class: 'muted' }, ` ${label('project_status', p.status)} ${p.rating} `),
      h('button', { class: 'btn small', onclick: () => edit(p) }, t('edit'))))));
}

function filters(overview, people, refresh) {
  const select = (testid, value, options, apply, label) =>
    filterSelect(testid, label, value, options, (v) => { apply(v); query.offset = 0; refresh(); });
  const search = h('input', { type: 'search', class: 'search', testid: 'activity-search', placeholder: t('activity_search'), 'aria-label': t('activity_search'), value: query.text });
  search.addEventListener('change', () => { query.text = search.value; query.offset = 0; refresh(); });
  const year = new Date().getFullYear();
  return h('div', { class: 'toolbar' }, search,
    select('filter-year', query.year ?? '', [['', t('all_years')], ...Array.from({ length: 15 }, (_, i) => [String(year - i), String(year - i)])], (v) => { query.year = v ? Number(v) : null; }, t('col_year')),
    select('filter-kind', query.kind, [['', t('all_kinds')], ...options('activity_kind')], (v) => { query.kind = v; }, t('col_kind')),
    select('filter-campaign', query.campaign_id ?? '', [['', t('all_campaigns')], ...overview.campaigns.map((c) => [String(c.id), c.name])], (v) => { query.campaign_id = v ? Number(v) : null; }, t('col_campaign')),
    select('filter-project', query.project_id ?? '', [['', t('all_projects')], ...overview.projects.map((p) => [String(p.id), `${p.year} ${p.title}`])], (v) => { query.project_id = v ? Number(v) : null; }, t('col_project')),
    select('filter-person', query.person_id ?? '', [['', t('all_people')], ...people.map((p) => [String(p.id), p.name])], (v) => { query.person_id = v ? Number(v) : null; }, t('filter_person')));
}

const percent = (r) => (r.expected ? t('aside', { main: `${r.present}/${r.expected}`, note: `${Math.round((100 * r.present) / r.expected)}%` }) : '—');

function table(page, ctx) {
  if (!page.rows.length) return h('p', { class: 'empty', testid: 'activities-empty' }, t('activities_empty'));
  const rows = page.rows.map((a) => h('tr', { testid: 'activity-row', 'data-id': a.id, ...rowOpener(() => open(a.id, ctx)) },
    h('td', { class: 'date' }, a.date),
    h('td', {}, h('span', { class: 'tag' }, label('activity_kind', a.kind))),
    h('td', { class: 'name' }, a.title),
    h('td', {}, a.place),
    h('td', {}, a.host ?? '—'),
    h('td', { class: 'date', testid: 'activity-rate' }, percent(a.rate)),
    h('td', { class: 'row-actions' },
      h('button', { class: 'btn small', testid: 'activity-attachments', onclick: (e) => { e.stopPropagation(); files(a, ctx); } }, t('files')),
      h('button', { class: 'btn small danger', testid: 'activity-trash', onclick: async (e) => {
        e.stopPropagation();
        if (await confirmAndTrash('activity', a.id, `${a.date} ${a.title}`)) ctx.refresh();
      } }, t('detail_trash')))));
  return h('div', { class: 'list-wrap' }, h('table', { class: 'table', testid: 'activities-table' },
    h('thead', {}, h('tr', {}, [t('col_date2'), t('col_kind'), t('col_title'), t('col_place'), t('col_host'), t('col_attendance'), ''].map((c) => h('th', {}, c)))),
    h('tbody', {}, rows)));
}

async function files(a, ctx) {
  await openAttachments({ owner: 'activity', ownerId: a.id, title: `${a.date} ${a.title}`, kinds: ['sign_in', 'photo', 'notice', 'minutes', 'resolution', 'slides', 'other'] });
  ctx.refresh();
}

/** An activity opened from the list or the search box: as recorded, with 编辑. */
async function open(id, ctx) {
  const a = await api.activityGet(id);
  const names = (list) => list.map((p) => p.name).join(lang() === 'zh' ? '、' : ', ');
  const having = (status) => a.attendance.filter((x) => x.status === status);
  const leave = having('on_leave').map((x) => (x.reason ? `${x.name}（${x.reason}）` : x.name));
  const attendance = [
    tally(a.attendance),
    leave.length ? `${label('presence', 'on_leave')}：${leave.join('、')}` : null,
    having('absent').length ? `${label('presence', 'absent')}：${names(having('absent'))}` : null,
  ].filter(Boolean).join('\n');
  await showRecord({
    title: a.title,
    testid: 'activity-view',
    items: [
      [t('col_kind'), label('activity_kind', a.kind)],
      [t('col_date2'), a.time ? `${a.date} ${a.time}` : a.date],
      [t('col_place'), a.place],
      [t('col_host'), a.host?.name],
      [t('col_recorder'), a.recorder?.name],
      [t('field_party_group'), a.party_group?.name],
      [t('col_speakers'), names(a.speakers ?? [])],
      [t('col_other_org'), a.other_org],
      [t('col_visited'), a.visited],
      [t('col_campaign'), a.campaign?.name],
      [t('col_project'), a.project?.name],
      [t('col_attendance'), attendance, true],
      [t('col_content2'), a.content, true],
      [t('col_decisions'), a.decisions, true],
    ],
    onEdit: () => editActivity(a, ctx),
    actions: paperActions(a.id),
  });
}

/** 会议记录 and 签到表 of a saved activity: Word, PDF, or printed from the window. */
function paperActions(id) {
  const progress = h('progress', { max: 100, value: 0, class: 'hidden', testid: 'paper-progress' });
  const write = (paper, format) => h('button', { type: 'button', class: 'btn small', testid: `paper-${paper}-${format}`,
    onclick: () => exportWithProgress(progress, () => api.activityPaperExport(id, paper, format)) }, t(`paper_${paper}_${format}`));
  const print = (paper) => h('button', { type: 'button', class: 'btn small', testid: `paper-${paper}-print`, onclick: async () => {
    try { printPage(await api.activityPaperHtml(id, paper)); } catch (err) { toast(err.message, 'error'); }
  } }, t(`paper_print_${paper}`));
  return [write('record', 'docx'), write('record', 'pdf'), print('record'),
    write('sign_in', 'docx'), write('sign_in', 'pdf'), print('sign_in'), progress];
}

/** 应到 · 实到 · 请假 · 缺席 · 列席/来宾 of attendance rows ({role, status}): the expected people by
 * their status, everyone else (guests, invitees) together. */
function tally(rows) {
  const expected = rows.filter((x) => (x.role ?? 'expected') === 'expected');
  const n = (status) => expected.filter((x) => x.status === status).length;
  return t('attendance_tally', { expected: expected.length, present: n('present'), on_leave: n('on_leave'), absent: n('absent'), others: rows.length - expected.length });
}

/** Rows of the attendance table drawn at a time: a meeting of a large branch expects hundreds. */
const ATTENDANCE_STEP = 200;

/** The attendance table: one row per person or guest, present unless marked otherwise. Its entries are
 * kept here; their rows are drawn 200 at a time (new guests and invitees at the top), and an entry not
 * drawn yet keeps what it came with. */
function attendanceEditor(initial, nonMembers) {
  const body = h('tbody', {});
  let entries = [];
  const tallyLine = h('p', { class: 'attendance-tally', testid: 'attendance-tally', 'aria-live': 'polite' });
  const count = () => { tallyLine.textContent = tally(entries.map((e) => ({ role: e.attendance.role, status: e.status }))); };
  const entry = (attendance) => ({ attendance, status: attendance.status ?? 'present', reason: attendance.reason ?? '' });
  const row = (e) => {
    const a = e.attendance;
    const reason = h('input', { testid: 'attendance-reason', placeholder: t('leave_reason'), 'aria-label': `${a.name} ${t('leave_reason')}`, value: e.reason });
    reason.addEventListener('input', () => { e.reason = reason.value; });
    const buttons = ['present', 'on_leave', 'absent'].map((status) => h('button', {
      type: 'button', class: `seg seg-${status}`, testid: `attendance-${status}`,
      onclick: () => { e.status = status; show(); count(); },
    }, label('presence', status)));
    // The reason box only where 请假 is chosen.
    const show = () => {
      buttons.forEach((b, i) => b.setAttribute('aria-pressed', String(['present', 'on_leave', 'absent'][i] === e.status)));
      reason.hidden = e.status !== 'on_leave';
    };
    show();
    const note = { guest: t('guest'), invited: t('invited') }[a.role];
    const remove = () => { entries = entries.filter((x) => x !== e); tr.remove(); count(); };
    const tr = h('tr', { testid: 'attendance-row' }, h('td', {}, a.name, note ? h('span', { class: 'muted' }, ` · ${note}`) : null),
      h('td', {}, h('div', { class: 'segmented compact', role: 'group', 'aria-label': `${a.name} ${t('col_attendance')}`, testid: 'attendance-status' }, buttons)),
      h('td', {}, reason),
      h('td', {}, h('button', { type: 'button', class: 'btn small', 'aria-label': t('attendance_remove', { name: a.name }), onclick: remove }, '×')));
    return tr;
  };
  const more = h('button', { type: 'button', class: 'btn small', testid: 'attendance-more', hidden: true });
  const draw = (n) => {
    fill(body, entries.slice(0, n).map((e) => (e.tr ??= row(e))));
    const left = entries.length - body.children.length;
    more.hidden = left <= 0;
    more.textContent = t('records_more', { n: Math.min(left, ATTENDANCE_STEP), left });
    count();
  };
  more.addEventListener('click', () => draw(body.children.length + ATTENDANCE_STEP));
  const set = (list) => { entries = list.map(entry); draw(ATTENDANCE_STEP); };
  // The expected people change with the kind, date and group; marks already made for someone still
  // expected are kept, and so are guests and invitees.
  const expect = (list) => {
    const isExpected = (e) => (e.attendance.role ?? 'expected') === 'expected';
    const marked = new Map(entries.filter(isExpected).map((e) => [e.attendance.person_id, record(e)]));
    const others = entries.filter((e) => !isExpected(e));
    entries = [...list.map((a) => {
      const was = marked.get(a.person_id);
      return entry(was ? { ...a, status: was.status, reason: was.reason } : a);
    }), ...others];
    draw(ATTENDANCE_STEP);
  };
  const add = (attendance) => { entries.unshift(entry(attendance)); draw(body.children.length + 1); };
  set(initial);
  const guest = h('input', { testid: 'guest-name', placeholder: t('guest_name') });
  const addGuest = h('button', { type: 'button', class: 'btn small', testid: 'guest-add', onclick: () => {
    if (guest.value.trim()) { add({ name: guest.value.trim(), role: 'guest' }); guest.value = ''; }
  } }, t('guest_add'));
  const prospects = h('input', { type: 'checkbox', id: 'with-prospects', testid: 'with-prospects' });
  const invitee = h('select', { testid: 'invitee', 'aria-label': t('invite') }, h('option', { value: '' }, t('invite')),
    nonMembers.map((p) => h('option', { value: p.id }, p.name)));
  invitee.addEventListener('change', () => {
    const person = nonMembers.find((p) => String(p.id) === invitee.value);
    if (person) add({ person_id: person.id, name: person.name, role: 'invited' });
    invitee.value = '';
  });
  const record = (e) => {
    const a = e.attendance;
    const reason = e.status === 'on_leave' ? e.reason : '';
    return { person_id: a.person_id ?? null, guest_name: a.person_id ? null : a.name, role: a.role ?? 'expected', status: e.status, reason };
  };
  const node = h('section', { class: 'attendance' },
    h('h3', {}, t('col_attendance')),
    h('div', { class: 'inline-form' }, h('button', { type: 'button', class: 'btn small', testid: 'attendance-fill' }, t('attendance_fill')),
      h('label', { class: 'check', for: 'with-prospects' }, prospects, t('with_prospects')), invitee, guest, addGuest),
    tallyLine,
    h('table', { class: 'table compact attendance-table', testid: 'attendance-table' },
      h('thead', {}, h('tr', {}, h('th', {}, t('col_name')), h('th', {}, t('col_attendance')), h('th', {}, t('leave_reason')), h('th', {}, ''))),
      body), more);
  return {
    node, set, expect, withProspects: () => prospects.checked, prospects,
    records: () => entries.map(record),
    fillButton: node.querySelector('[data-testid="attendance-fill"]'),
  };
}

/** The form for activity `a`, or for a new one (starting from `draft`: kind, date, group, title). */
async function editActivity(a, { overview, people, groups, refresh }, draft = {}) {
  const pickable = people.map((p) => [p.id, p.name, p.initials]);
  const fields = [
    { name: 'kind', label: t('col_kind'), type: 'select', required: true, value: a?.kind ?? draft.kind ?? 'study', options: options('activity_kind') },
    { name: 'date', label: t('col_date2'), type: 'date', required: true, value: a?.date ?? draft.date ?? today() },
    { name: 'title', label: t('col_title'), required: true, value: a?.title ?? draft.title },
    { name: 'place', label: t('col_place'), value: a?.place },
    { name: 'time', label: t('col_time'), value: a?.time },
    // One person each, found by typing a name or its pinyin initials rather than scrolling everyone.
    { name: 'host_ids', label: t('col_host'), type: 'multiselect', max: 1, value: a?.host ? [a.host.id] : [], options: pickable },
    { name: 'recorder_ids', label: t('col_recorder'), type: 'multiselect', max: 1, value: a?.recorder ? [a.recorder.id] : [], options: pickable },
    { name: 'party_group_id', label: t('field_party_group'), type: 'select', numeric: true, value: a?.party_group?.id ?? draft.party_group_id ?? '', options: [['', t('none')], ...groups.map((g) => [String(g.id), g.name])] },
    { name: 'speaker_ids', label: t('col_speakers'), type: 'multiselect', value: (a?.speakers ?? []).map((s) => s.id), options: pickable },
    { name: 'other_org', label: t('col_other_org'), value: a?.other_org },
    { name: 'visited', label: t('col_visited'), value: a?.visited },
    { name: 'campaign_id', label: t('col_campaign'), type: 'select', numeric: true, value: a?.campaign?.id ?? '', options: [['', t('none')], ...overview.campaigns.map((c) => [String(c.id), c.name])] },
    { name: 'project_id', label: t('col_project'), type: 'select', numeric: true, value: a?.project?.id ?? '', options: [['', t('none')], ...overview.projects.map((p) => [String(p.id), `${p.year} ${p.title}`])] },
    { name: 'content', label: t('col_content2'), type: 'textarea', value: a?.content },
    { name: 'decisions', label: t('col_decisions'), type: 'textarea', value: a?.decisions },
  ];
  const attendance = attendanceEditor(a?.attendance ?? [], people.filter((p) => p.stage === 'non_member'));
  const onReady = (inputs) => {
    // Only the fields that fit the kind are shown.
    const only = { party_group_id: ['group_meeting'], other_org: ['joint_activity'], visited: ['visit'] };
    const fit = () => Object.entries(only).forEach(([name, kinds]) =>
      inputs[name].closest('.form-row').classList.toggle('hidden', !kinds.includes(inputs.kind.value)));
    inputs.kind.addEventListener('change', fit);
    fit();
    // Only the latest request fills the table: an earlier answer arriving late (the one asked for when
    // the form opened) must not replace it.
    let asked = 0;
    const refill = (apply) => async () => {
      const mine = ++asked;
      let expected;
      try {
        expected = await api.activityExpected(inputs.kind.value, inputs.date.value, inputs.party_group_id.value ? Number(inputs.party_group_id.value) : null, attendance.withProspects());
      } catch {
        return; // a date still being typed: the table stays as it is until the date can be read
      }
      if (mine !== asked) return;
      apply(expected.map((p) => ({ person_id: p.id, name: p.name, role: 'expected', status: 'present' })));
    };
    attendance.fillButton.addEventListener('click', refill(attendance.set));
    // Who was expected depends on the kind, the day and the group: the table follows them, so a 2019
    // general meeting lists the members of 2019 and a committee meeting the committee of that day.
    const follow = refill(attendance.expect);
    [inputs.kind, inputs.date, inputs.party_group_id, attendance.prospects].forEach((el) => el.addEventListener('change', follow));
    if (!a) follow();
  };
  const submit = ({ host_ids: [host_id = null], recorder_ids: [recorder_id = null], ...v }) =>
    api.activitySave(a?.id ?? null, { ...v, host_id, recorder_id, attendance: attendance.records() });
  // Before the meeting: the sign-in sheet of a saved activity, from its form too.
  const signIn = a ? h('div', { class: 'record-actions', testid: 'form-papers' },
    h('span', { class: 'hint' }, t('paper_sign_in_saved')), paperActions(a.id).slice(3)) : null;
  const extra = signIn ? h('div', {}, attendance.node, signIn) : attendance.node;
  const id = await openForm({ title: a ? t('activity_edit') : t('activity_add'), testid: 'activity-form', row: 'activity-row', fields, onReady, extra, submit });
  if (id !== undefined) { toast(t('saved')); refresh(); }
}
