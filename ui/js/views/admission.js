// 发展党员: everyone on the path from application to full membership, with what is due for each; a
// person's file is their steps in order, the next steps as buttons, the papers on each step, and the
// file as Word or PDF. The steps that change a stage are the roster's stage changes.
import * as api from '../api.js';
import { t, lang } from '../i18n.js';
import { h, fill, openForm, rowOpener, toast } from '../dom.js';
import { confirmAndTrash } from './trash.js';
import { openAttachments } from './attachments.js';
import { exportWithProgress } from '../papers.js';
import { label } from '../vocabulary.js';
import { takeFocus } from '../focus.js';

let selected = null;

/** Opens the admission screen on `personId`'s file (from the roster or the home screen). */
export function showFile(personId, go) {
  selected = personId;
  go('admission');
}

export default async function admission(main, { refresh }) {
  // A step found by the search opens its person's file.
  const step = takeFocus('admission_step');
  if (step !== null) selected = await api.admissionStepPerson(step);
  const o = await api.admissionOverview();
  if (selected === null && o.on_path.length) selected = o.on_path[0].person_id;
  const file = selected === null ? null : await api.admissionFile(selected).catch(() => null);
  const ctx = { o, file, refresh };
  fill(main,
    h('header', { class: 'view-head' }, h('h1', {}, t('admission_title'))),
    h('p', { class: 'muted' }, t('admission_text')),
    h('div', { class: 'toolbar' }, noticeSetting(ctx)),
    h('div', { class: 'split admission-split' },
      h('section', { class: 'list-pane' }, pathTable(ctx)),
      h('aside', { class: 'detail admission-file', testid: 'admission-file' }, file ? fileView(ctx) : h('p', { class: 'empty' }, t('admission_pick')))));
}

function noticeSetting({ o, refresh }) {
  const edit = async () => {
    const fields = [{ name: 'notice_days', label: t('field_notice_days'), type: 'number', required: true, value: o.notice_days, hint: t('admission_notice_hint') }];
    const saved = await openForm({ title: t('admission_notice_title'), testid: 'notice-form', fields, submit: (v) => api.admissionNoticeDaysSet(v.notice_days) });
    if (saved !== undefined) { toast(t('saved')); refresh(); }
  };
  return h('span', { class: 'muted', testid: 'notice-days' }, t('admission_notice_days', { n: o.notice_days }), ' ',
    h('button', { class: 'btn small', testid: 'notice-days-edit', onclick: edit }, t('edit')));
}

function pathTable({ o, refresh }) {
  if (!o.on_path.length) return h('p', { class: 'empty', testid: 'admission-empty' }, t('admission_empty'));
  const rows = o.on_path.map((p) => {
    const late = p.due.filter((d) => d.state === 'overdue').length;
    return h('tr', { testid: 'path-row', 'data-id': p.person_id, class: p.person_id === selected ? 'selected' : '', ...rowOpener(() => { selected = p.person_id; refresh(); }) },
      h('td', { class: 'name' }, p.name),
      h('td', {}, label('stage', p.stage)),
      h('td', { class: 'date' }, p.stage_since),
      h('td', { testid: 'path-due' }, late ? h('span', { class: 'tag overdue' }, t('admission_overdue_n', { n: late })) : p.due.length ? h('span', { class: 'tag' }, t('admission_due_n', { n: p.due.length })) : ''));
  });
  return h('div', { class: 'list-wrap' }, h('table', { class: 'table', testid: 'path-table' },
    h('thead', {}, h('tr', {}, [t('col_name'), t('col_stage'), t('col_since'), t('admission_col_due')].map((c) => h('th', {}, c)))),
    h('tbody', {}, rows)));
}

function fileView(ctx) {
  const { file: f } = ctx;
  const text = (d) => (lang() === 'zh' ? d.zh : d.en);
  return [
    h('h2', { testid: 'file-name', tabindex: -1 }, f.name),
    h('p', { class: 'muted', testid: 'file-stage' }, `${label('stage', f.stage)} · ${t('admission_since', { date: f.stage_since })}`,
      f.probation_end ? ` · ${t('admission_probation_end', { date: f.probation_end })}` : ''),
    f.due.length ? h('ul', { class: 'reminders', testid: 'file-due' },
      f.due.map((d) => h('li', { class: `reminder ${d.state === 'overdue' ? 'missing' : 'due'}`, testid: 'due-item', 'data-what': d.what }, text(d)))) : null,
    f.next.length && !f.left_on ? h('div', { class: 'toolbar-group next-steps', testid: 'next-steps' },
      h('span', { class: 'muted' }, t('admission_next')),
      f.next.map((k) => h('button', { class: 'btn small', testid: `step-add-${k}`, onclick: () => editStep(null, k, ctx) }, label('admission_step', k)))) : null,
    stepsTable(ctx),
    exportBar(f),
  ];
}

function details(s) {
  const parts = [];
  if (s.activity) parts.push(s.activity);
  if (s.kind === 'training') parts.push(t('admission_training_length', { days: s.days ?? 0, hours: s.hours ?? 0 }));
  if (s.kind === 'public_notice' && s.days) parts.push(t('admission_notice_length', { n: s.days }));
  if (s.kind === 'extension' && s.months) parts.push(t('admission_extension_length', { n: s.months }));
  if (s.notes) parts.push(s.notes);
  return parts.join(lang() === 'zh' ? '；' : '; ');
}

function stepsTable(ctx) {
  const { file: f } = ctx;
  if (!f.steps.length) return h('p', { class: 'empty' }, t('admission_no_steps'));
  const rows = f.steps.map((s) => h('tr', { testid: 'step-row', 'data-kind': s.kind },
    h('td', { class: 'date' }, s.date),
    h('td', {}, label('admission_step', s.kind), s.changes_stage ? h('span', { class: 'tag step-tag', title: t('admission_changes_stage_hint') }, t('admission_changes_stage')) : null),
    h('td', {}, s.done_by),
    h('td', { class: 'small' }, details(s)),
    h('td', { class: 'row-actions' },
      h('button', { class: 'btn small', testid: 'step-papers', onclick: () => papers(s, ctx) }, s.papers ? t('admission_papers_n', { n: s.papers }) : t('admission_papers')),
      h('button', { class: 'btn small', testid: 'step-edit', onclick: () => editStep(s, s.kind, ctx) }, t('edit')),
      s.id && !s.changes_stage ? h('button', { class: 'btn small danger', testid: 'step-trash', onclick: async () => {
        if (await confirmAndTrash('admission_step', s.id, `${f.name} ${s.date} ${label('admission_step', s.kind)}`)) ctx.refresh();
      } }, t('detail_trash')) : null)));
  return h('div', { class: 'list-wrap' }, h('table', { class: 'table', testid: 'steps-table' },
        h('thead', {}, h('tr', {}, [t('field_date'), t('field_step'), t('field_done_by'), t('admission_col_details'), ''].map((c) => h('th', {}, c)))),
    h('tbody', {}, rows)));
}

const PAPER_KINDS = {
  application: ['application_letter', 'other'],
  thought_report: ['thought_report', 'other'],
  assessment: ['assessment_form', 'other'],
  political_review: ['review_material', 'other'],
  application_form: ['application_form', 'other'],
};

async function papers(s, { file: f, refresh }) {
  const id = s.id ?? await api.admissionDetailsRow(s.stage_change_id);
  await openAttachments({
    owner: 'admission_step', ownerId: id, title: `${f.name} · ${s.date} ${label('admission_step', s.kind)}`,
    kinds: PAPER_KINDS[s.kind] ?? ['application_letter', 'thought_report', 'assessment_form', 'review_material', 'application_form', 'other'],
  });
  refresh();
}

/** The form for a step of `kind`: the fields it carries, the hint of its rule. */
async function editStep(s, kind, { file: f, refresh }) {
  const fields = [
    { name: 'date', label: t('field_date'), type: 'date', required: true, value: s?.date ?? '', hint: s?.changes_stage ? t('admission_date_from_roster') : t(`admission_hint_${kind}`) },
    { name: 'done_by', label: ['contacts', 'introducers'].includes(kind) ? t('admission_two_people') : t('field_done_by'), value: s?.done_by ?? '', placeholder: ['contacts', 'introducers'].includes(kind) ? t('admission_two_people_example') : '' },
  ];
  if (kind === 'admission' || kind === 'conversion') {
    fields.push({ name: 'deciding_meeting', label: t('field_deciding_meeting'), type: 'select', numeric: true, value: s?.activity_id ?? '',
      options: [['', t('admission_no_meeting')], ...f.meetings.map((m) => [String(m.id), `${m.date} ${m.title}`])] });
  }
  if (kind === 'training') {
    fields.push({ name: 'days', label: t('field_days'), type: 'number', value: s?.days ?? 3 });
    fields.push({ name: 'hours', label: t('field_hours'), type: 'number', value: s?.hours ?? 24 });
  }
  if (kind === 'public_notice') fields.push({ name: 'days', label: t('field_days'), type: 'number', value: s?.days ?? f.notice_days });
  if (kind === 'extension') fields.push({ name: 'months', label: t('field_months'), type: 'number', value: s?.months ?? 6, hint: t('admission_extension_hint') });
  fields.push({ name: 'notes', label: t('field_notes'), type: 'textarea', value: s?.notes ?? '' });
  const submit = (v) => api.admissionStepSave(s?.id ?? null, {
    person_id: f.person_id, kind, date: v.date, done_by: v.done_by, activity_id: v.deciding_meeting ?? null,
    days: v.days ?? null, hours: v.hours ?? null, months: v.months ?? null, notes: v.notes,
  });
  const title = `${f.name} · ${label('admission_step', kind)}`;
  const id = await openForm({ title, testid: 'step-form', fields, submit });
  if (id !== undefined) { toast(t('saved')); refresh(); }
}

function exportBar(f) {
  const progress = h('progress', { max: 100, value: 0, class: 'hidden', testid: 'export-progress' });
  const write = (format) => exportWithProgress(progress, () => api.admissionFileExport(f.person_id, format));
  return h('div', { class: 'toolbar-group', testid: 'file-export' },
    h('span', { class: 'muted' }, t('admission_export_label')),
    h('button', { class: 'btn', testid: 'file-export-docx', onclick: () => write('docx') }, 'Word'),
    h('button', { class: 'btn', testid: 'file-export-pdf', onclick: () => write('pdf') }, 'PDF'),
    progress);
}
