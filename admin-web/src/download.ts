/**
 * Downloads an export with a progress bar: the file is fetched in chunks,
 * the bar follows the bytes received (of Content-Length), then the browser
 * saves it. A failed export says so instead of saving an error page.
 */
import { h } from './dom.js';
import { t } from './i18n.js';

/** A link-styled button that downloads `url` as `filename`, showing progress beside it. */
export function exportButton(url: () => string, filename: string, label: string): HTMLElement {
  const bar = h('progress.export-progress', { max: '1', value: '0', hidden: true, 'aria-label': label });
  const status = h('span.muted.export-status', { role: 'status' });
  const button = h('button.button', { type: 'button' }, label);
  button.addEventListener('click', async () => {
    button.setAttribute('disabled', '');
    bar.hidden = false;
    bar.removeAttribute('value'); // indeterminate until the size is known
    status.textContent = t('export.running');
    try {
      const res = await fetch(url(), { credentials: 'same-origin' });
      if (!res.ok || !res.body) throw new Error(`${res.status}`);
      const total = Number(res.headers.get('content-length')) || 0;
      const reader = res.body.getReader();
      const chunks: Uint8Array[] = [];
      let received = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        received += value.length;
        if (total) {
          bar.value = received / total;
          status.textContent = t('export.progress', { pct: Math.round((100 * received) / total) });
        }
      }
      bar.value = 1;
      const link = h('a', { href: URL.createObjectURL(new Blob(chunks as BlobPart[], { type: res.headers.get('content-type') ?? 'text/csv' })), download: filename });
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      status.textContent = t('export.done', { kb: Math.max(1, Math.round(received / 1024)) });
    } catch {
      status.textContent = t('export.failed');
    } finally {
      button.removeAttribute('disabled');
      setTimeout(() => (bar.hidden = true), 1500);
    }
  });
  return h('span.export', null, button, bar, status);
}
