// 回收站: deleted records, restorable; purge is the second, explicit step.
import * as api from '../api.js';
import { t } from '../i18n.js';
import { h, fill, confirmDialog, showError, toast } from '../dom.js';

/** Asks, then moves a record to the trash; resolves true when it went. A refusal is shown as a notice. */
export async function confirmAndTrash(kind, id, name) {
  if (!(await confirmDialog(t('detail_trash_confirm', { name }), t('detail_trash')))) return false;
  try {
    await api.trashMove(kind, id);
    toast(t('detail_trashed'));
    return true;
  } catch (err) {
    showError(err);
    return false;
  }
}

export default async function trash(main, { refresh }) {
  const items = await api.trashList();
  const act = (fn, message) => async () => {
    try {
      await fn();
      toast(message);
      refresh();
    } catch (err) {
      showError(err);
    }
  };
  const purge = (item) => async () => {
    if (await confirmDialog(t('trash_purge_confirm', { title: item.title }), t('trash_purge'))) {
      await act(() => api.trashPurge(item.kind, item.id), t('purged'))();
    }
  };
  const rows = items.map((item) => h('tr', { testid: 'trash-row' },
    h('td', {}, t(`kind_${item.kind}`)),
    h('td', { class: 'name' }, item.title),
    h('td', { class: 'muted' }, item.deleted_at),
    h('td', { class: 'row-actions' },
      h('button', { class: 'btn small', testid: 'trash-restore', onclick: act(() => api.trashRestore(item.kind, item.id), t('restored')) }, t('trash_restore')),
      h('button', { class: 'btn small danger', testid: 'trash-purge', onclick: purge(item) }, t('trash_purge')))));
  fill(main, 
    h('header', { class: 'view-head' }, h('h1', {}, t('trash_title'))),
    h('p', { class: 'muted' }, t('trash_text')),
    h('div', { testid: 'view-trash' },
      items.length
        ? h('table', { class: 'table', testid: 'trash-table' },
          h('thead', {}, h('tr', {}, h('th', {}, t('trash_kind')), h('th', {}, t('trash_item')), h('th', {}, t('trash_deleted_at')), h('th', {}))),
          h('tbody', {}, rows))
        : h('p', { class: 'empty', testid: 'trash-empty' }, t('trash_empty'))));
}
