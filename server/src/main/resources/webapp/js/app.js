// The app shell: three pages behind hash routes (#upload, #record, #library), each built on first visit.

import { UploadPage } from './pages/upload-page.js';
import { RecordPage } from './pages/record-page.js';
import { LibraryPage } from './pages/library-page.js';
import { eventLog } from './logger.js';

const pages = { upload: UploadPage, record: RecordPage, library: LibraryPage };
const built = {};

function show() {
  const name = (location.hash.replace('#', '') || 'upload').split('?')[0];
  const page = pages[name] ? name : 'upload';
  for (const [key] of Object.entries(pages)) {
    document.getElementById(`page-${key}`).hidden = key !== page;
    const link = document.querySelector(`nav a[href="#${key}"]`);
    if (key === page) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
  if (!built[page]) built[page] = new pages[page](document.getElementById(`page-${page}`));
  built[page].shown?.();
  Object.entries(built).forEach(([key, p]) => { if (key !== page) p.hidden?.(); });
  document.title = `Carryon · ${page[0].toUpperCase()}${page.slice(1)}`;
}

function network() {
  const badge = document.getElementById('network');
  badge.textContent = navigator.onLine ? '' : 'Offline — uploads continue when the network is back';
  eventLog.log(navigator.onLine ? 'network.online' : 'network.offline');
}

addEventListener('hashchange', show);
addEventListener('online', network);
addEventListener('offline', network);
addEventListener('error', (e) => eventLog.log('app.error', { message: String(e.message).slice(0, 300) }, 'error'));
eventLog.log('app.open', { page: location.hash || '#upload' });
show();
