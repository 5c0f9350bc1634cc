// 组织架构: party groups with their leaders, and the committee terms with the posts held in each.
import * as api from '../api.js';
import { t } from '../i18n.js';
import { h, fill, openForm, showError, toast } from '../dom.js';
import { confirmAndTrash } from './trash.js';
import { positionLabel, positionOptions } from './labels.js';

export default async function organisation(main, { refresh }) {
  const [overview, terms, people] = await Promise.all([
    api.rosterOverview(),
    api.termsList(),
    api.peopleNames(false),
  ]);
  const members = people.filter((p) => p.stage === 'full' || p.stage === 'probationary');
  fill(main, 
    h('header', { class: 'view-head' }, h('h1', {}, t('org_title'))),
    h('div', { class: 'org', testid: 'view-organisation' },
      groupsSection(overview.groups, people, refresh),
      committeeSection(terms, overview.reelection, members, refresh)));
}

function groupsSection(groups, people, refresh) {
  const rows = groups.map((g) => h('tr', { testid: 'group-row' },
    h('td', { class: 'name' }, g.name),
    h('td', {}, g.leader ?? '—'),
    h('td', {}, String(g.members)),
    h('td', { class: 'row-actions' },
      h('button', { class: 'btn small', testid: 'group-edit', onclick: () => editGroup(g, people, refresh) }, t('edit')),
      h('button', { class: 'btn small danger', testid: 'group-trash', onclick: () => trashGroup(g, refresh) }, t('group_trash')))));
  return h('section', { class: 'card' },
    h('div', { class: 'card-head' }, h('h2', {}, t('groups_title')),
      h('button', { class: 'btn primary', testid: 'group-add', onclick: () => editGroup(null, people, refresh) }, t('group_add'))),
    groups.length
      ? h('table', { class: 'table', testid: 'groups-table' },
        h('thead', {}, h('tr', {}, h('th', {}, t('field_name')), h('th', {}, t('group_leader')), h('th', {}, t('group_members')), h('th', {}))),
        h('tbody', {}, rows))
      : h('p', { class: 'empty' }, t('group_none')));
}

async function editGroup(group, people, refresh) {
  // The leader comes from the group itself, or from people in no group yet (they join it).
  const candidates = people.filter((p) => p.stage !== 'non_member' && (p.party_group_id === null || p.party_group_id === group?.id));
  const fields = [
    { name: 'name', label: t('field_name'), required: true, value: group?.name },
    { name: 'leader_id', label: t('group_leader'), type: 'select', numeric: true, value: group?.leader_id ?? '',
      options: [['', t('none')], ...candidates.map((p) => [String(p.id), p.name])] },
    { name: 'notes', label: t('field_notes'), type: 'textarea', value: group?.notes },
  ];
  const title = group ? t('group_edit') : t('group_add');
  const saved = await openForm({ title, testid: 'group-form', fields, submit: (v) => api.groupSave(group?.id ?? null, v) });
  if (saved !== undefined) { toast(t('saved')); refresh(); }
}

async function trashGroup(group, refresh) {
  if (await confirmAndTrash('party_group', group.id, group.name)) refresh();
}

function committeeSection({ terms, next_ordinal: next }, reelection, members, refresh) {
  const status = reelection && h('p', { class: `banner ${reelection.state.replace('_', '-')}`, testid: 'reelection-status' },
    t(reelection.state === 'ok' ? 'reelection_ok' : reelection.state === 'overdue' ? 'reelection_overdue' : 'reelection_due_soon',
      { ordinal: reelection.ordinal, elected: reelection.elected_on, due: reelection.due_on }));
  return h('section', { class: 'card' },
    h('div', { class: 'card-head' }, h('h2', {}, t('committee_title')),
      h('button', { class: 'btn primary', testid: 'term-add', onclick: () => editTerm(null, next, refresh) }, t('term_add'))),
    status,
    terms.length ? terms.map((term) => termCard(term, members, refresh)) : h('p', { class: 'empty' }, t('term_none')));
}

function termCard(term, members, refresh) {
  const dates = term.ends_on
    ? t('term_dates_ended', { elected: term.elected_on, ends: term.ends_on })
    : t('term_dates', { elected: term.elected_on });
  const seats = term.seats.map((s) => h('li', { testid: 'seat' },
    h('span', { class: 'seat-post' }, positionLabel(s.position)), h('span', { class: 'seat-name' }, s.name),
    h('button', { class: 'btn small', testid: 'seat-remove', onclick: () => removeSeat(s, refresh) }, t('seat_remove'))));
  return h('div', { class: 'term', testid: 'term', 'data-ordinal': term.ordinal },
    h('div', { class: 'term-head' },
      h('h3', {}, t('term_heading', { ordinal: term.ordinal })), h('span', { class: 'muted' }, dates),
      h('span', { class: 'spacer' }),
      h('button', { class: 'btn small', testid: 'seat-add', onclick: () => addSeat(term, members, refresh) }, t('seat_add')),
      h('button', { class: 'btn small', testid: 'term-edit', onclick: () => editTerm(term, term.ordinal, refresh) }, t('edit')),
      h('button', { class: 'btn small danger', testid: 'term-trash', onclick: () => trashTerm(term, refresh) }, t('term_trash'))),
    term.notes && h('p', { class: 'muted' }, term.notes),
    seats.length ? h('ul', { class: 'seats' }, seats) : h('p', { class: 'empty' }, t('term_no_seats')));
}

async function editTerm(term, ordinal, refresh) {
  const fields = [
    { name: 'ordinal', label: t('term_ordinal'), type: 'number', required: true, value: ordinal },
    { name: 'elected_on', label: t('term_elected_on'), type: 'date', required: true, value: term?.elected_on },
    { name: 'ends_on', label: t('term_ends_on'), type: 'date', value: term?.ends_on },
    { name: 'notes', label: t('field_notes'), type: 'textarea', value: term?.notes },
  ];
  const title = term ? t('term_edit') : t('term_add');
  const saved = await openForm({ title, testid: 'term-form', fields, submit: (v) => api.termSave(term?.id ?? null, v) });
  if (saved !== undefined) { toast(t('saved')); refresh(); }
}

async function addSeat(term, members, refresh) {
  const fields = [
    { name: 'person_id', label: t('seat_person'), type: 'select', required: true,
      options: [['', t('seat_pick_person')], ...members.map((p) => [String(p.id), p.name])] },
    { name: 'position', label: t('seat_position'), type: 'select', required: true, options: positionOptions() },
  ];
  const submit = (v) => {
    if (!v.person_id) return Promise.reject({ field: 'person_id', message: t('seat_pick_person') });
    return api.seatAdd(term.id, Number(v.person_id), v.position);
  };
  const saved = await openForm({ title: t('term_heading', { ordinal: term.ordinal }), testid: 'seat-form', fields, submit, saveLabel: t('seat_add') });
  if (saved !== undefined) { toast(t('saved')); refresh(); }
}

async function removeSeat(seat, refresh) {
  try {
    await api.seatRemove(seat.id);
    refresh();
  } catch (err) {
    showError(err);
  }
}

async function trashTerm(term, refresh) {
  if (await confirmAndTrash('committee_term', term.id, t('term_heading', { ordinal: term.ordinal }))) refresh();
}
