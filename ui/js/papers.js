// The papers the secretary hands in or files: exports written off the UI thread with a progress bar,
// and pages printed from a hidden frame (the printer dialog can also save as PDF).
import * as api from './api.js';
import { t } from './i18n.js';
import { showError, toast } from './dom.js';

/** Runs `write()` (an export that asks where to save and resolves to the path, or null when the
 * secretary cancels) while `progress` (a <progress>) follows the `export-progress` events. */
export async function exportWithProgress(progress, write) {
  const stop = await api.onExportProgress((p) => { progress.value = p; });
  progress.classList.remove('hidden');
  progress.value = 0;
  try {
    const path = await write();
    if (path) toast(t('exported_to', { path }));
    return path;
  } catch (err) {
    showError(err);
    return null;
  } finally {
    stop();
    progress.classList.add('hidden');
  }
}

/** Prints a whole HTML page (a paper's printable form) through a hidden frame. */
export function printPage(html) {
  const frame = document.createElement('iframe');
  frame.setAttribute('data-testid', 'print-frame');
  frame.setAttribute('aria-hidden', 'true');
  frame.style.cssText = 'position:fixed;width:0;height:0;border:0;left:-10px;top:-10px';
  frame.addEventListener('load', () => {
    frame.contentWindow.focus();
    frame.contentWindow.print();
    setTimeout(() => frame.remove(), 60_000);
  }, { once: true });
  frame.srcdoc = html;
  document.body.append(frame);
}
