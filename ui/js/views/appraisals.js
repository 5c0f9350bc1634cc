// 民主评议党员: each year, every member's self-assessment and rating, linked to the appraisal meeting;
// the members not yet rated show as such, and the counts go into the annual summary (without names).
import * as api from '../api.js';
import { t } from '../i18n.js';
import { h, fill, openForm, toast } from '../dom.js';
import { confirmAndTrash } from './trash.js';
import { label, options } from '../vocabulary.js';

let year = null;
let lastYear = null;

export default async function appraisals(main, { refresh }) {
  const y = await api.appraisalYear(year);
  year = y.year;
  lastYear = lastYear ?? y.year;
  const ctx = { y, refresh };
  fill(main,
    h('header', { class: 'view-head' }, h('h1', {}, t('appraisals_title'))),
    h('p', { class: 'muted' }, t('appraisals_text')),
    h('div', { class: 'toolbar' }, yearSelect(refresh), namesChoice(y, refresh)),
    h('p', { class: 'figures-line', testid: 'appraisal-counts' },
      y.counts.map(([rating, n]) => `${label('appraisal_rating', rating)} ${n}`).join(' · '),
      ` · ${t('appraisal_not_rated', { n: y.not_rated })}`),
    table(ctx));
}

function yearSelect(refresh) {
  const years = Array.from({ length: 12 }, (_, i) => lastYear - i);
  const select = h('select', { testid: 'appraisal-year', 'aria-label': t('col_honour_year') }, years.map((v) => h('option', { value: String(v) }, String(v))));
  select.value = String(year);
  select.addEventListener('change', () => { year = Number(select.value); refresh(); });
  return h('label', { class: 'filter' }, t('col_honour_year'), ' ', select);
}

function table(ctx) {
  const { y } = ctx;
  if (!y.lines.length) return h('p', { class: 'empty', testid: 'appraisals-empty' }, t('appraisals_empty', { year: y.year }));
  const rows = y.lines.map((l) => {
    const a = l.appraisal;
    return h('tr', { testid: 'appraisal-row', 'data-person': l.person_id },
      h('td', { class: 'name' }, l.name),
      h('td', {}, l.stage ? label('stage', l.stage) : '—'),
      h('td', { class: 'date' }, a?.self_assessed_on ?? ''),
      h('td', { testid: 'appraisal-rating' }, a ? h('span', { class: `tag rating-${a.rating}` }, label('appraisal_rating', a.rating)) : h('span', { class: 'muted' }, t('appraisal_not_rated_cell'))),
      h('td', { class: 'small' }, a?.notes ?? ''),
      h('td', { class: 'row-actions' },
        h('button', { class: 'btn small', testid: 'appraisal-edit', onclick: () => rate(l, ctx) }, a ? t('edit') : t('appraisal_rate')),
        a ? h('button', { class: 'btn small danger', testid: 'appraisal-trash', onclick: async () => {
          if (await confirmAndTrash('appraisal', a.id, `${y.year} ${l.name}`)) ctx.refresh();
        } }, t('detail_trash')) : null));
  });
  return h('div', { class: 'list-wrap' }, h('table', { class: 'table', testid: 'appraisals-table' },
    h('thead', {}, h('tr', {}, [t('col_name'), t('col_stage'), t('field_self_assessed_on'), t('field_rating'), t('field_notes'), ''].map((c) => h('th', {}, c)))),
    h('tbody', {}, rows)));
}

async function rate(line, { y, refresh }) {
  const a = line.appraisal;
  const meetings = [['', t('appraisal_no_meeting')], ...y.meetings.map((m) => [String(m.id), `${m.date} ${m.title}`])];
  const fields = [
    { name: 'rating', label: t('field_rating'), type: 'select', required: true, value: a?.rating ?? 'qualified', options: options('appraisal_rating') },
    { name: 'self_assessed_on', label: t('field_self_assessed_on'), type: 'date', value: a?.self_assessed_on ?? '' },
    { name: 'meeting', label: t('field_meeting'), type: 'select', numeric: true, value: a?.activity_id ?? y.meetings[y.meetings.length - 1]?.id ?? '', options: meetings, hint: t('appraisal_meeting_hint') },
    { name: 'notes', label: t('field_notes'), type: 'textarea', value: a?.notes ?? '' },
  ];
  const submit = (v) => api.appraisalSave(a?.id ?? null, {
    year: y.year, person_id: line.person_id, rating: v.rating, self_assessed_on: v.self_assessed_on, activity_id: v.meeting, notes: v.notes,
  });
  const id = await openForm({ title: t('appraisal_form_title', { name: line.name, year: y.year }), testid: 'appraisal-form', fields, submit });
  if (id !== undefined) { toast(t('saved')); refresh(); }
}

/** The branch chooses whether the annual summary names the members rated 优秀 (counts only by default). */
function namesChoice(y, refresh) {
  const box = h('input', { type: 'checkbox', id: 'appraisal-names', testid: 'appraisal-names' });
  box.checked = y.names_in_summary;
  box.addEventListener('change', async () => {
    try { await api.appraisalNamesInSummarySet(box.checked); toast(t('saved')); refresh(); } catch (err) { box.checked = !box.checked; toast(err.message, 'error'); }
  });
  return h('label', { class: 'filter', for: 'appraisal-names' }, box, ' ', t('appraisal_names_in_summary'));
}
