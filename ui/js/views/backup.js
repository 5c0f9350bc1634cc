// 备份与恢复: back up to a USB stick (removable drives first) or any folder, optionally encrypted;
// list, verify and restore the backups found there.
import * as api from '../api.js';
import { t, lang } from '../i18n.js';
import { h, fill, openForm, confirmDialog, showError, toast } from '../dom.js';

let target = null;

export default async function backup(main, { refresh, reloadAll }) {
  const overview = await api.backupOverview();
  target ??= overview.last_target ?? overview.drives[0]?.folder ?? null;
  const backups = target ? await api.backupList(target).catch(() => []) : [];
  fill(main,
    h('header', { class: 'view-head' }, h('h1', {}, t('backup_title'))),
    h('div', { class: 'settings', testid: 'view-backup' },
      status(overview),
      targetCard(overview, refresh),
      backupCard(refresh),
      listCard(backups, refresh, reloadAll),
      rulesCard(overview),
      dataCard(reloadAll)));
}

/** The whole ledger as one JSON file (for other software or a move), and its import into an empty ledger. */
function dataCard(reloadAll) {
  const mode = h('select', { testid: 'data-attachments', 'aria-label': t('data_attachments_label') }, ['include', 'reference'].map((m) => h('option', { value: m }, t(`data_attachments_${m}`))));
  const progress = h('progress', { max: 100, value: 0, class: 'hidden', testid: 'data-progress' });
  const error = h('p', { class: 'field-error', role: 'alert', testid: 'data-error' });
  const run = (work) => async () => {
    error.textContent = '';
    const stop = await api.onExportProgress((p) => { progress.value = p; });
    progress.classList.remove('hidden');
    try { await work(); } catch (err) { error.textContent = err.message; } finally { stop(); progress.classList.add('hidden'); }
  };
  const exportAll = run(async () => {
    const report = await api.dataExport(mode.value);
    if (report) toast(t('data_exported', { path: report.path }));
  });
  const importAll = run(async () => {
    const report = await api.dataImport();
    if (report) { toast(t('data_imported')); reloadAll(); }
  });
  return h('section', { class: 'card' },
    h('h2', {}, t('data_title')),
    h('p', { class: 'hint' }, t('data_hint')),
    h('div', { class: 'inline-form' }, mode,
      h('button', { class: 'btn primary', testid: 'data-export', onclick: exportAll }, t('data_export')),
      h('button', { class: 'btn', testid: 'data-import', onclick: importAll }, t('data_import'))),
    progress, error);
}

function status(overview) {
  const r = overview.reminder;
  const text = overview.last_usb_backup_at
    ? t('backup_last', { last: overview.last_usb_backup_at })
    : t('backup_reminder_never');
  return h('p', { class: `banner ${r ? 'due-soon' : 'ok'}`, testid: 'backup-status' },
    r && r.last ? t('backup_reminder_old', { days: r.days_since, last: r.last }) : text);
}

function targetCard(overview, refresh) {
  const choose = (folder) => () => { target = folder; refresh(); };
  const drives = overview.drives.map((d) => h('button', {
    class: `btn drive ${target === d.folder ? 'primary' : ''}`, testid: 'backup-drive', onclick: choose(d.folder),
  }, t('backup_drive', { label: d.label, free: gigabytes(d.free_bytes) })));
  const pick = async () => {
    try {
      const folder = await api.pickFolder();
      if (folder) choose(folder)();
    } catch (err) {
      showError(err);
    }
  };
  return h('section', { class: 'card' },
    h('h2', {}, t('backup_target')),
    h('div', { class: 'drives' },
      drives.length ? drives : h('p', { class: 'muted' }, t('backup_no_drives')),
      h('button', { class: 'btn', testid: 'backup-pick-folder', onclick: pick }, t('backup_pick_folder'))),
    h('div', { class: 'kv' }, h('span', { class: 'k' }, t('backup_chosen')),
      h('span', { class: 'v', testid: 'backup-target' }, target ?? t('backup_none_chosen'))),
    h('p', { class: 'hint' }, t('backup_auto', { folder: overview.auto_folder })));
}

function backupCard(refresh) {
  const encrypt = h('input', { type: 'checkbox', id: 'backup-encrypt', testid: 'backup-encrypt' });
  const pass = h('input', { type: 'password', testid: 'backup-passphrase', autocomplete: 'new-password' });
  const again = h('input', { type: 'password', testid: 'backup-passphrase-again', autocomplete: 'new-password' });
  // Labels that stay when the boxes are typed into (a placeholder goes away).
  const passRow = h('div', { class: 'inline-form hidden' },
    h('label', { class: 'stacked' }, t('backup_passphrase'), pass), h('label', { class: 'stacked' }, t('backup_passphrase_again'), again));
  encrypt.addEventListener('change', () => passRow.classList.toggle('hidden', !encrypt.checked));
  const error = h('p', { class: 'form-error', testid: 'backup-error', role: 'alert' });
  const bar = h('progress', { max: 100, value: 0, testid: 'backup-progress', class: 'hidden' });
  const phase = h('span', { class: 'muted' });
  const run = h('button', { class: 'btn primary big', testid: 'backup-run' }, t('backup_now'));
  run.addEventListener('click', async () => {
    error.textContent = '';
    if (!target) { error.textContent = t('backup_none_chosen'); return; }
    run.disabled = true;
    bar.classList.remove('hidden');
    const stop = await api.onBackupProgress((p) => {
      bar.value = p.total ? Math.round((100 * p.done) / p.total) : 0;
      phase.textContent = t(`backup_phase_${p.phase}`);
    });
    try {
      const secret = encrypt.checked ? [pass.value, again.value] : [null, null];
      const report = await api.backupRun(target, ...secret);
      toast(t('backup_done', { path: report.path }));
      refresh();
    } catch (err) {
      error.textContent = err.message;
    } finally {
      stop();
      run.disabled = false;
      bar.classList.add('hidden');
      phase.textContent = '';
    }
  });
  return h('section', { class: 'card' },
    h('h2', {}, t('backup_make')),
    h('label', { class: 'check', for: 'backup-encrypt' }, encrypt, t('backup_encrypt')),
    passRow,
    h('p', { class: 'hint' }, t('backup_encrypt_hint')),
    h('div', { class: 'inline-form' }, run, bar, phase),
    error);
}

function listCard(backups, refresh, reloadAll) {
  const rows = backups.map((b) => h('tr', { testid: 'backup-row' },
    h('td', { class: 'date' }, b.made_at),
    h('td', {}, b.name),
    h('td', {}, megabytes(b.bytes)),
    h('td', {}, b.encrypted ? t('backup_encrypted') : t('backup_plain')),
    h('td', {}, b.has_checksum ? '✓' : t('backup_no_checksum')),
    h('td', { class: 'row-actions' },
      h('button', { class: 'btn small', testid: 'backup-verify', onclick: () => verify(b.path, b.encrypted) }, t('backup_verify')),
      h('button', { class: 'btn small danger', testid: 'backup-restore', onclick: () => restore(b.path, b.encrypted, reloadAll) }, t('backup_restore')))));
  const fromFile = () => restoreFromFile(reloadAll);
  return h('section', { class: 'card' },
    h('div', { class: 'card-head' }, h('h2', {}, t('backup_list')),
      h('button', { class: 'btn', testid: 'restore-from-file', onclick: fromFile }, t('backup_restore_file'))),
    backups.length
      ? h('table', { class: 'table', testid: 'backup-table' },
        h('thead', {}, h('tr', {}, [t('backup_col_time'), t('backup_col_file'), t('backup_col_size'), t('backup_col_kind'), t('backup_col_checksum'), ''].map((c) => h('th', {}, c)))),
        h('tbody', {}, rows))
      : h('p', { class: 'empty', testid: 'backup-empty' }, t('backup_list_empty')));
}

/** Verifies (asking for the passphrase of an encrypted backup); resolves with what it holds, or undefined. */
async function checked(path, encrypted) {
  if (!encrypted) {
    try {
      return await api.backupVerify(path, null);
    } catch (err) {
      showError(err);
      return undefined;
    }
  }
  let verified;
  const fields = [{ name: 'passphrase', label: t('backup_passphrase'), type: 'password', required: true }];
  const submit = async (v) => { verified = await api.backupVerify(path, v.passphrase); verified.passphrase = v.passphrase; return true; };
  await openForm({ title: t('backup_enter_passphrase'), testid: 'passphrase-form', fields, submit, saveLabel: t('confirm') });
  return verified;
}

/** Record counts of the backup (and of the current ledger beside them, the rows that differ marked). */
function countsTable(verified, current) {
  const pick = (c) => (lang() === 'zh' ? c.label_zh : c.label_en);
  const now = new Map((current ?? []).map((c) => [c.table, c.live]));
  const differs = (c) => current && (now.get(c.table) ?? 0) !== c.live;
  return h('table', { class: 'table compact', testid: 'verify-counts' },
    h('thead', {}, h('tr', {}, h('th', {}, t('backup_col_kind')), h('th', {}, t('backup_in_backup')), current && h('th', {}, t('backup_in_ledger')))),
    h('tbody', {}, verified.counts.map((c) => h('tr', { class: differs(c) ? 'differs' : null, testid: differs(c) ? 'count-differs' : null },
      h('td', {}, pick(c)), h('td', {}, String(c.live)), current && h('td', {}, String(now.get(c.table) ?? 0), differs(c) ? h('span', { class: 'differs-note' }, ` ${t('backup_differs')}`) : null)))));
}

/** When the backup was made, whether its checksum file matched, and whether it will be upgraded. */
function describe(v, currentVersion = null) {
  const checksum = v.checksum === 'matched' ? t('backup_checksum_ok')
    : v.sealed ? t('backup_checksum_sealed') : t('backup_checksum_missing');
  return h('div', { class: 'verify-result', testid: 'verify-result' },
    h('p', {}, t('backup_verified', { made: v.made_at })),
    currentVersion && v.schema_version < currentVersion ? h('p', {}, t('backup_older_version')) : null,
    h('p', { class: 'muted' }, checksum));
}

async function verify(path, encrypted) {
  const v = await checked(path, encrypted);
  if (v) await confirmDialog(t('backup_good'), t('close'), h('div', {}, describe(v), countsTable(v, null)));
}

async function restore(path, encrypted, reloadAll) {
  const v = await checked(path, encrypted);
  if (!v) return;
  const info = await api.ledgerInfo();
  const extra = h('div', {}, describe(v, info.schema_version), countsTable(v, info.counts));
  if (!(await confirmDialog(t('backup_restore_confirm'), t('backup_restore'), extra))) return;
  try {
    await api.backupRestore(path, v.passphrase ?? null);
    toast(t('backup_restored'));
    await reloadAll();
  } catch (err) {
    showError(err);
  }
}

/** Restore from a backup file chosen in the file dialog (a USB stick's, say): verified, compared with
 * the current ledger and confirmed first. Also offered on the welcome screen of a new computer. */
export async function restoreFromFile(reloadAll) {
  try {
    const file = await api.pickBackupFile();
    if (file) await restore(file, file.endsWith('.age'), reloadAll);
  } catch (err) {
    showError(err);
  }
}

function rulesCard(overview) {
  const keep = h('input', { type: 'number', min: 1, max: 100, testid: 'backup-keep', value: overview.keep });
  const nag = h('input', { type: 'number', min: 1, max: 365, testid: 'backup-nag-days', value: overview.nag_days });
  const error = h('p', { class: 'field-error', role: 'alert' });
  const save = async (event) => {
    event.preventDefault();
    error.textContent = '';
    try {
      await api.setBackupRules(Number(keep.value), Number(nag.value));
      toast(t('saved'));
    } catch (err) {
      error.textContent = err.message;
    }
  };
  return h('section', { class: 'card' },
    h('h2', {}, t('backup_rules')),
    h('form', { class: 'rules', onsubmit: save },
      h('label', {}, t('backup_keep'), keep), h('label', {}, t('backup_nag_days'), nag),
      h('button', { type: 'submit', class: 'btn primary' }, t('save'))),
    error);
}

const gigabytes = (bytes) => (bytes / 1024 ** 3).toFixed(1);
const megabytes = (bytes) => `${(bytes / 1024 ** 2).toFixed(bytes < 1024 ** 2 ? 2 : 1)} MB`;
