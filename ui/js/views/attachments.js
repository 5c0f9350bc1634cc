// The attachments dialog: files kept inside the ledger for one record, with image previews, full-size
// view, export back to a file, and the trash. Shared by every record type that has attachments.
import * as api from '../api.js';
import { t } from '../i18n.js';
import { h, fill, confirmDialog, toast } from '../dom.js';
import { confirmAndTrash } from './trash.js';
import { label } from '../vocabulary.js';

/** Opens the dialog for `owner`/`ownerId`; `kinds` are the attachment kinds offered; resolves on close. */
export function openAttachments({ owner, ownerId, title, kinds }) {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'form-dialog attachments', testid: 'attachments-dialog' });
    const list = h('div', { class: 'attachment-list', testid: 'attachment-list' });
    const error = h('p', { class: 'form-error', testid: 'attachment-error', role: 'alert' });
    const kind = h('select', { testid: 'attachment-kind', 'aria-label': t('attachment_kind') }, kinds.map((k) => h('option', { value: k }, label('attachment_kind', k))));
    const guard = (fn) => async () => {
      error.textContent = '';
      try { await fn(); } catch (err) { error.textContent = err.message; }
    };
    const reload = async () => {
      const items = await api.attachmentsList(owner, ownerId);
      fill(list, items.length ? items.map((a) => item(a, guard, reload)) : h('p', { class: 'empty', testid: 'attachments-empty' }, t('attachments_empty')));
    };
    const add = h('button', { class: 'btn primary', testid: 'attachment-add', onclick: guard(async () => {
      const id = await api.attachmentAdd(owner, ownerId, kind.value);
      if (id !== null) { toast(t('saved')); await reload(); }
    }) }, t('attachment_add'));
    const close = h('button', { class: 'btn', testid: 'attachments-close', onclick: () => dialog.close() }, t('close'));
    dialog.append(h('h2', {}, title), h('div', { class: 'inline-form' }, kind, add), h('p', { class: 'hint' }, t('attachment_hint')),
      error, list, h('div', { class: 'form-buttons' }, close));
    dialog.addEventListener('close', () => { dialog.remove(); resolve(); });
    document.body.append(dialog);
    dialog.showModal();
    reload().catch((err) => { error.textContent = err.message; });
  });
}

function item(a, guard, reload) {
  const size = a.size < 1024 * 1024 ? `${Math.ceil(a.size / 1024)} KB` : `${(a.size / 1024 / 1024).toFixed(1)} MB`;
  const view = async () => {
    const url = await api.attachmentView(a.id);
    await confirmDialog(a.file_name, t('close'), h('img', { src: url, class: 'full-image', alt: a.file_name, testid: 'attachment-full' }));
  };
  const exportFile = async () => {
    const path = await api.attachmentExport(a.id);
    if (path) toast(t('attachment_exported', { path }));
  };
  const trash = async () => {
    if (await confirmAndTrash('attachment', a.id, a.file_name)) await reload();
  };
  return h('div', { class: 'attachment', testid: 'attachment' },
    a.preview ? h('img', { src: a.preview, alt: '', class: 'thumb', testid: 'attachment-thumb' }) : h('div', { class: 'thumb file-icon' }, a.file_name.split('.').pop().toUpperCase()),
    h('div', { class: 'attachment-info' },
      h('div', { class: 'name' }, a.file_name),
      h('div', { class: 'muted' }, `${label('attachment_kind', a.kind)} · ${size} · ${a.created_at}`)),
    h('div', { class: 'row-actions' },
      a.preview && h('button', { class: 'btn small', testid: 'attachment-view', onclick: guard(view) }, t('attachment_view')),
      h('button', { class: 'btn small', testid: 'attachment-export', onclick: guard(exportFile) }, t('attachment_export')),
      h('button', { class: 'btn small danger', testid: 'attachment-trash', onclick: guard(trash) }, t('detail_trash'))));
}
