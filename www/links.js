// Share links in the page: the Share button, and a link opened at start or while the page
// is open. A link never replaces the user's saved work by itself: when it holds another
// state than the one saved (or shown), a banner offers "Open it" or "Keep mine".
import { $ } from './dom.js';
import { encodeState, decodeState, MAX_LINK_CHARS, MAX_STATE_BYTES } from './share.js';

const LINK_ERRORS = {
  'too-large': `This link is too large to open: its document unpacks to more than ${MAX_STATE_BYTES / 1024 / 1024} MiB.`,
  damaged: 'This link is damaged and cannot be opened.',
};

export const sameState = (a, b) => ['text', 'region', 'accountId', 'kmsKeys'].every((k) => (a[k] ?? '') === (b[k] ?? ''));

/** The share link in the address bar, if any: drops it (an edit, or Keep mine). */
export function dropLink() {
  if (/^#[zj]=/.test(location.hash)) history.replaceState(null, '', location.pathname + location.search);
}

export class Links {
  /**
   * @param {{current: () => object, open: (state: object) => void, status: (text: string, kind?: string) => void}} page
   *   current: the state shown; open: shows a link's state as the user's choice
   */
  constructor(page) {
    this.page = page;
    this.banner = $('link-banner');
    this.offered = null;
    $('link-open').addEventListener('click', () => {
      const state = this.offered;
      this.hide();
      if (state) this.page.open(state);
    });
    $('link-keep').addEventListener('click', () => {
      this.hide();
      dropLink();
    });
    $('link-close').addEventListener('click', () => this.hide());
    window.addEventListener('hashchange', () => this.onHashChange());
  }

  /** The link in the address bar at start: null (none), {state} or {error}, reported. */
  async read() {
    const link = await decodeState(location.hash);
    if (link && link.error) {
      this.show(LINK_ERRORS[link.error], false);
      dropLink();
    }
    return link;
  }

  /** Offers a link's state instead of the one shown. */
  offer(state) {
    this.offered = state;
    this.show('This link holds another job definition. Opening it replaces your saved work.', true);
  }

  show(text, choice) {
    $('link-banner-text').textContent = text;
    $('link-open').hidden = !choice;
    $('link-keep').hidden = !choice;
    $('link-close').hidden = choice;
    this.banner.hidden = false;
  }

  hide() {
    this.offered = null;
    this.banner.hidden = true;
  }

  async onHashChange() {
    const link = await this.read();
    if (link && link.state && !sameState(link.state, this.page.current())) this.offer(link.state);
  }

  /** The Share button: the link goes to the address bar and the clipboard, if it is short enough. */
  async share() {
    const fragment = await encodeState(this.page.current());
    const link = `${location.origin}${location.pathname}${location.search}#${fragment}`;
    if (link.length > MAX_LINK_CHARS) {
      this.page.status(`Too large for a share link: it would be ${link.length.toLocaleString('en-US')} characters, and links over ${MAX_LINK_CHARS.toLocaleString('en-US')} are cut short by browsers and apps.`, 'error');
      return;
    }
    history.replaceState(null, '', link);
    try {
      await navigator.clipboard.writeText(link);
      this.page.status('Share link copied: it holds the document and context, and is never sent to a server.', 'ok');
    } catch {
      this.page.status('Share link is in the address bar: it holds the document and context, and is never sent to a server.', 'ok');
    }
  }
}
