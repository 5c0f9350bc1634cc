// 首页: what is due or was missed by the cadence rules, the year's compliance calendar, who lectures
// and hosts next by rotation, this year's counts, and the other reminders (re-election, probation,
// backups, suggestions).
import { yuan } from './dues.js';
import { showFile } from './admission.js';
import * as api from '../api.js';
import { t, lang } from '../i18n.js';
import { h, fill, toast } from '../dom.js';
import { overdueBanner } from './suggestions.js';
import { overdueBanner as overdueBooks } from './bookshelf.js';
import { draftFor, focusOn } from '../focus.js';
import { label } from '../vocabulary.js';

let year = null;
/** The year the reminders are as of when `year` was chosen (the demo's is 2020). */
let asOfYear = null;

export default async function dashboard(main, { refresh, go }) {
  let [d, roster] = await Promise.all([api.dashboard(year), api.rosterOverview()]);
  // A ledger with another "today" (the demo cleared, say) starts at its own year again.
  const thisYear = Number(d.today.slice(0, 4));
  if (asOfYear !== thisYear) {
    asOfYear = thisYear;
    if (year !== null && year !== thisYear) d = await api.dashboard(thisYear);
    year = thisYear;
  }
  fill(main,
    h('header', { class: 'view-head' }, h('h1', {}, t('dashboard_title')),
      h('button', { class: 'btn primary', testid: 'dashboard-record', onclick: () => { draftFor('activity', {}); go('activities'); } }, t('activity_add'))),
    h('div', { class: 'dashboard', testid: 'view-dashboard' },
      d.demo_as_of ? demoNote(d.demo_as_of, go) : null,
      reminders(d, roster, go),
      h('div', { class: 'dash-row' }, rotation(t('next_lecturers'), d.next_lecturers, 'next-lecturers'), rotation(t('next_hosts'), d.next_hosts, 'next-hosts'), counts(d)),
      calendar(d, refresh),
      rules(d, refresh)));
}

function reminders(d, roster, go) {
  // Each reminder opens what resolves it: the activity form for that kind, period and group.
  const items = d.reminders.map((r) => {
    const what = r.kind ? label('activity_kind', r.kind) + (r.group ? ` · ${r.group}` : '') : t('branch_cycle');
    const text = r.state === 'due' ? t('due_by', { what, period: r.period, by: r.by }) : t('missed', { what, period: r.period });
    const kind = r.kind ?? 'study';
    const record = () => {
      draftFor('activity', { kind, date: r.date, party_group_id: r.group_id, title: meetingTitle(kind, r.period, r.group) });
      go('activities');
    };
    return h('li', { class: `reminder ${r.state}` }, h('button', { class: 'link reminder-link', testid: 'cadence-reminder', onclick: record, title: t('reminder_record') }, text));
  });
  const person = (p) => h('button', { class: 'link', testid: 'probation-person', onclick: () => { focusOn('person', p.id); go('roster'); } }, p.name);
  const extra = [];
  if (roster.reelection && roster.reelection.state !== 'ok') extra.push(h('li', { class: 'reminder missing' }, h('button', { class: 'link reminder-link', testid: 'reelection-reminder', onclick: () => go('organisation') }, t('reelection_due_short', { ordinal: roster.reelection.ordinal, due: roster.reelection.due_on }))));
  if (roster.probation_due.length) extra.push(h('li', { class: 'reminder due' }, t('probation_due_title'), ' ', roster.probation_due.map((p, i) => [i ? (lang() === 'zh' ? '、' : ', ') : null, person(p)])));
  extra.push(...duesArrears(d.dues_arrears, go));
  extra.push(...d.admission_due.map((x) => h('li', { class: `reminder ${x.state === 'overdue' ? 'missing' : 'due'}`, testid: 'admission-due' },
    h('button', { class: 'link reminder-link', onclick: () => showFile(x.person_id, go) }, t('admission_due_item', { name: x.name, text: lang() === 'zh' ? x.zh : x.en })))));
  if (roster.backup_reminder) extra.push(h('li', { class: 'reminder due' }, h('button', { class: 'link reminder-link', testid: 'backup-reminder-link', onclick: () => go('backup') }, t('backup_reminder_never_short'))));
  return h('section', { class: 'card' },
    h('h2', {}, t('reminders_title')),
    items.length || extra.length ? h('ul', { class: 'reminders', testid: 'reminders' }, items, extra) : h('p', { class: 'empty', testid: 'reminders-none' }, t('nothing_due')),
    overdueBanner(roster),
    overdueBooks(d.overdue_loans));
}

/** Members three or more months behind with their dues; six in a row are named with 党章 Article 9. */
function duesArrears(arrears, go) {
  if (!arrears.length) return [];
  const open = () => go('dues');
  const sep = () => (lang() === 'zh' ? '、' : ', ');
  const items = [h('li', { class: 'reminder due', testid: 'dues-arrears' }, t('dues_arrears_title'), ' ',
    arrears.map((a, i) => [i ? sep() : null, h('button', { class: 'link', testid: 'dues-arrears-person', onclick: open }, t('dues_arrears_person', { name: a.name, n: a.unpaid_months, owed: yuan(a.owed_fen) }))]))];
  for (const a of arrears.filter((x) => x.lapsing)) {
    items.push(h('li', { class: 'reminder missing', testid: 'dues-lapse' }, h('button', { class: 'link reminder-link', onclick: open }, t('dues_arrears_lapse', { name: a.name, n: a.in_a_row }))));
  }
  return items;
}

/** The demo stops at the end of 2020: its reminders are computed as of then, and this says so. */
function demoNote(asOf, go) {
  return h('p', { class: 'banner ok', testid: 'demo-as-of', role: 'note' },
    t('demo_as_of_note', { year: asOf.slice(0, 4), date: asOf }), ' ',
    h('button', { class: 'link', testid: 'demo-as-of-settings', onclick: () => go('settings') }, t('demo_clear_where')));
}

function rotation(title, people, testid) {
  return h('section', { class: 'card small-card', testid },
    h('h2', {}, title),
    people.length
      ? h('ol', {}, people.map((p) => h('li', {}, p.name, h('span', { class: 'muted' }, ` ${p.last ? t('last_time', { date: p.last }) : t('never_yet')}`))))
      : h('p', { class: 'muted' }, t('none')));
}

function counts(d) {
  return h('section', { class: 'card small-card', testid: 'year-counts' },
    h('h2', {}, t('year_counts', { year })),
    d.counts.length ? h('ul', { class: 'plain' }, d.counts.map(([kind, n]) => h('li', {}, t('count_line', { what: label('activity_kind', kind), n })))) : h('p', { class: 'muted' }, t('none')));
}

function calendar(d, refresh) {
  const yearSelect = h('select', { testid: 'calendar-year', 'aria-label': t('col_year'), onchange: (e) => { year = Number(e.target.value); refresh(); } },
    Array.from({ length: 12 }, (_, i) => Number(d.today.slice(0, 4)) - i).map((y) => h('option', { value: y }, String(y))));
  yearSelect.value = String(year);
  const lines = d.calendar.map((line) => h('tr', {},
    h('th', {}, label('activity_kind', line.kind), line.group ? h('span', { class: 'muted' }, ` · ${line.group}`) : null),
    h('td', {}, h('div', { class: `slots period-${line.period}` }, line.slots.map((s) =>
      h('span', { class: `slot ${s.state}`, title: `${s.label}: ${t(`slot_${s.state}`)}${s.held ? ` (${s.held})` : ''}` }, s.label.slice(5) || s.label))))));
  return h('section', { class: 'card' },
    h('div', { class: 'card-head' }, h('h2', {}, t('calendar_title')), yearSelect),
    h('table', { class: 'calendar', testid: 'compliance-calendar' }, h('tbody', {}, lines)),
    h('p', { class: 'hint' }, ['done', 'missing', 'due', 'future', 'not_applicable'].map((s) => h('span', { class: `slot legend ${s}` }, t(`slot_${s}`)))));
}

function rules(d, refresh) {
  const weeks = h('input', { type: 'number', min: 0, max: 8, value: d.cycle_weeks, testid: 'cycle-weeks' });
  const save = async (event) => {
    event.preventDefault();
    try {
      await api.setCycleWeeks(Number(weeks.value));
      toast(t('saved'));
      refresh();
    } catch (err) {
      toast(err.message, 'error');
    }
  };
  return h('section', { class: 'card' },
    h('h2', {}, t('cadence_rules')),
    h('p', { class: 'hint' }, t('cadence_hint')),
    h('div', { class: 'rules' }, d.rules.map((r) => {
      const sel = h('select', { testid: `rule-${r.kind}`, onchange: async (e) => {
        try { await api.setCadenceRule(r.kind, e.target.value); toast(t('saved')); refresh(); } catch (err) { toast(err.message, 'error'); }
      } }, ['month', 'quarter', 'year', 'off'].map((p) => h('option', { value: p }, t(`period_${p}`))));
      sel.value = r.period;
      return h('label', {}, label('activity_kind', r.kind), sel);
    })),
    h('form', { class: 'rules', onsubmit: save }, h('label', {}, t('cycle_weeks_label'), weeks), h('button', { type: 'submit', class: 'btn primary' }, t('save'))));
}

/** A title for a meeting recorded from a reminder: 2026年11月支委会, "Committee meeting, November 2026". */
function meetingTitle(kind, period, group) {
  const what = label('activity_kind', kind) + (group ? (lang() === 'zh' ? `（${group}）` : ` (${group})`) : '');
  const [y, part] = period.split('-');
  if (!/^\d{4}$/.test(y)) return what;
  const when = !part ? t('title_year', { y })
    : part.startsWith('Q') ? t('title_quarter', { y, q: part.slice(1) })
    : t('title_month', { y, m: Number(part) });
  return t('meeting_title', { when, what });
}
