// Sluice's progressive enhancement. Every page works without it (forms post and redirect back); with
// it: feedback and read state change in place, keyboard shortcuts, the "More" link loads as you scroll,
// keyword suggestions while writing an interest. Plain browser JavaScript, no build step.
'use strict';

const csrfToken = () => document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';

/** Says what changed to screen readers (and shows it in the status line), with an Undo button when
 *  `undo` is given (also the `u` key, while the message shows). */
let announceTimer;
let pendingUndo = null;
function announce(message, undo) {
  const live = document.getElementById('live');
  if (!live) return;
  live.textContent = message;
  pendingUndo = undo ?? null;
  if (undo) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'link undo';
    button.textContent = 'Undo';
    button.setAttribute('aria-keyshortcuts', 'u');
    button.addEventListener('click', runUndo);
    live.append(' ', button);
  }
  clearTimeout(announceTimer);
  announceTimer = setTimeout(() => { live.textContent = ''; pendingUndo = null; }, undo ? 10000 : 6000);
}

function runUndo() {
  const undo = pendingUndo;
  pendingUndo = null;
  if (undo) undo();
}

/** Posts a form with fetch, asking for JSON; throws with the server's message when refused. */
async function postForm(form, extra) {
  const body = new URLSearchParams(new FormData(form));
  if (extra) for (const [k, v] of Object.entries(extra)) body.set(k, v);
  const res = await fetch(form.action, {
    method: 'POST',
    body,
    headers: { Accept: 'application/json', 'X-CSRF-Token': csrfToken() },
    credentials: 'same-origin',
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.error?.message ?? `the server answered ${res.status}`);
  return data;
}

// ---- Feedback (like, dislike, off-topic) and read state, in place ----

const FEEDBACK_DONE = { like: 'Liked', dislike: 'Disliked: hidden from your feed', offtopic: 'Off-topic: hidden, and the interest learns from it' };
const FEEDBACK_UNDONE = { like: 'Like withdrawn', dislike: 'Dislike withdrawn: back in your feed', offtopic: 'Off-topic withdrawn: back in your feed' };

/** A feedback button toggles: the server answers with the verdict that stands now (null after an undo). */
async function sendFeedback(form, button) {
  const item = form.closest('.item');
  const kind = button.value;
  button.disabled = true;
  try {
    const result = await postForm(form, { kind });
    const verdict = result.verdict ?? null;
    for (const b of item.querySelectorAll('button[data-action="like"],button[data-action="dislike"],button[data-action="offtopic"]')) {
      b.setAttribute('aria-pressed', String(b.dataset.action === verdict));
    }
    item.classList.add('read');
    syncReadButton(item, true);
    const title = item.querySelector('.item-title, .post-title')?.textContent?.trim() ?? 'post';
    const li = item.parentElement;
    if (result.undone) {
      announce(`${FEEDBACK_UNDONE[kind] ?? kind}: ${title}`);
      // On the hidden and liked lists, a post whose verdict is withdrawn leaves the list.
      if (li?.matches('.verdict-list > li')) removeItem(item);
      else if (li?.hidden) restoreItem(item);
    } else if (result.hidden && li?.matches('#items > li')) {
      // Hidden from the feed from now on: take it off the list at once, with a way back.
      removeItem(item);
      announce(`${FEEDBACK_DONE[kind] ?? kind}: ${title}`, () => sendFeedback(form, button));
    } else {
      announce(`${FEEDBACK_DONE[kind] ?? kind}: ${title}`);
    }
  } catch (err) {
    announce(`Could not save: ${err.message}`);
  } finally {
    button.disabled = false;
  }
}

function restoreItem(item) {
  item.parentElement.hidden = false;
  select(items().indexOf(item));
}

function removeItem(item) {
  const list = items();
  const index = list.indexOf(item);
  item.parentElement.hidden = true;
  item.classList.remove('current');
  if (index === current) {
    current = -1;
    const next = list[index + 1] ?? list[index - 1];
    if (next) select(items().indexOf(next));
  } else if (index < current) {
    current -= 1;
  }
}

function syncReadButton(item, read) {
  const form = item.querySelector('form[data-form="read"]');
  if (!form) return;
  form.elements.read.value = read ? '0' : '1';
  const button = form.querySelector('button');
  button.textContent = read ? 'Mark unread' : 'Mark read';
  button.setAttribute('aria-pressed', String(read));
}

async function toggleRead(form) {
  const item = form.closest('.item');
  const read = form.elements.read.value === '1';
  try {
    await postForm(form);
    item.classList.toggle('read', read);
    syncReadButton(item, read);
    announce(read ? 'Marked read' : 'Marked unread');
  } catch (err) {
    announce(`Could not save: ${err.message}`);
  }
}

document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement)) return;
  if (form.dataset.form === 'feedback') {
    event.preventDefault();
    const button = event.submitter instanceof HTMLButtonElement ? event.submitter : form.querySelector('button');
    sendFeedback(form, button);
  } else if (form.dataset.form === 'read') {
    event.preventDefault();
    toggleRead(form);
  }
});

// ---- Keyboard shortcuts ----

const items = () => [...document.querySelectorAll('.item')].filter((el) => !el.closest('[hidden]'));
let current = -1;

function select(index) {
  const list = items();
  if (list.length === 0) return;
  current = Math.max(0, Math.min(index, list.length - 1));
  list.forEach((el, i) => el.classList.toggle('current', i === current));
  const el = list[current];
  el.focus({ preventScroll: true });
  el.scrollIntoView({ block: 'nearest', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
}

/** The item the keys act on: the selected one, else the one holding focus, else (a post page) the only one. */
function currentItem() {
  const list = items();
  if (list[current]) return list[current];
  return document.activeElement?.closest?.('.item') ?? (list.length === 1 ? list[0] : null);
}

function press(item, action) {
  item?.querySelector(`button[data-action="${action}"]`)?.click();
}

document.addEventListener('keydown', (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target;
  if (target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
  const help = document.getElementById('shortcuts');
  if (help?.open && event.key !== '?') return;
  const item = currentItem();
  switch (event.key) {
    case 'j': select(current + 1); break;
    case 'k': select(current < 0 ? 0 : current - 1); break;
    case 'o': {
      const link = item?.querySelector('a[data-action="open"]');
      if (link) location.href = link.href;
      break;
    }
    case 'v': {
      const link = item?.querySelector('a[data-action="original"]');
      if (link) window.open(link.href, '_blank', 'noopener');
      break;
    }
    case 'l': press(item, 'like'); break;
    case 'd': press(item, 'dislike'); break;
    case 'x': press(item, 'offtopic'); break;
    case 'm': press(item, 'read'); break;
    case 'u': runUndo(); break;
    case '?':
      if (help) help.open ? help.close() : help.showModal();
      break;
    default: return;
  }
  event.preventDefault();
});

// A click in an item selects it, so the keys then act on what was clicked.
document.addEventListener('click', (event) => {
  const item = event.target instanceof Element ? event.target.closest('.item') : null;
  if (item) {
    current = items().indexOf(item);
    items().forEach((el, i) => el.classList.toggle('current', i === current));
  }
});

// ---- Infinite scroll: the "More" link loads itself when it comes into view ----

async function loadMore(link) {
  if (link.dataset.loading) return;
  link.dataset.loading = '1';
  link.textContent = 'Loading…';
  try {
    const res = await fetch(link.href, { credentials: 'same-origin' });
    if (!res.ok) throw new Error(`the server answered ${res.status}`);
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    const list = document.getElementById('items');
    const more = [...doc.querySelectorAll('#items > li')];
    for (const li of more) list.append(document.adoptNode(li));
    const next = doc.querySelector('a[rel="next"]');
    if (next) {
      link.href = next.getAttribute('href');
      link.textContent = 'More';
      delete link.dataset.loading;
    } else {
      link.closest('.pager')?.remove();
    }
    announce(`${more.length} more posts loaded`);
  } catch (err) {
    link.textContent = 'More';
    delete link.dataset.loading;
    announce(`Could not load more posts: ${err.message}`);
  }
}

const moreLink = document.querySelector('.pager a[rel="next"]');
if (moreLink && 'IntersectionObserver' in window) {
  new IntersectionObserver((entries) => {
    const link = document.querySelector('.pager a[rel="next"]');
    if (link && entries.some((e) => e.isIntersecting)) loadMore(link);
  }, { rootMargin: '400px' }).observe(moreLink.closest('.pager'));
}

// ---- Filter by interest: the select navigates at once ----

document.querySelector('select[data-autosubmit]')?.addEventListener('change', (event) => event.target.form.requestSubmit());

// ---- Interest form: suggest keywords ----

const suggestButton = document.querySelector('button[data-action="suggest"]');
suggestButton?.addEventListener('click', async (event) => {
  event.preventDefault();
  const form = suggestButton.form;
  const box = document.getElementById('suggestions');
  const params = new URLSearchParams({
    name: form.elements.name.value,
    description: form.elements.description.value,
    keywords: form.elements.keywords.value,
  });
  suggestButton.disabled = true;
  try {
    const res = await fetch(`/interests/suggest?${params}`, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    const data = await res.json();
    if (!res.ok) throw new Error(data.error?.message ?? `the server answered ${res.status}`);
    renderSuggestions(box, data.suggestions);
    announce(data.suggestions.length ? `${data.suggestions.length} keywords suggested` : 'No suggestions yet: add a description or a keyword');
  } catch (err) {
    announce(`Could not suggest keywords: ${err.message}`);
  } finally {
    suggestButton.disabled = false;
  }
});

function renderSuggestions(box, suggestions) {
  box.replaceChildren();
  suggestions.forEach((text) => {
    const li = document.createElement('li');
    const label = document.createElement('label');
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.name = 'add_keyword';
    input.value = text;
    label.append(input, text);
    li.append(label);
    box.append(li);
  });
  box.closest('fieldset')?.removeAttribute('hidden');
}

// ---- Feeds being fetched (after an import): the bar moves without a reload ----

const progressBox = document.querySelector('[data-progress-url]');
if (progressBox) {
  const bar = progressBox.querySelector('progress');
  const line = progressBox.querySelector('#progress-line');
  const poll = async () => {
    try {
      const res = await fetch(progressBox.dataset.progressUrl, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      if (!res.ok) return;
      const p = await res.json();
      bar.max = p.total;
      bar.value = p.fetched;
      bar.textContent = `${p.fetched} of ${p.total}`;
      line.textContent = `${p.fetched} of ${p.total} feeds fetched${p.failing ? ` (${p.failing} failing: see below)` : ''}.`;
      if (p.fetched >= p.total) {
        line.textContent = `All ${p.total} feeds fetched. `;
        const link = document.createElement('a');
        link.href = '/feeds';
        link.textContent = 'Reload to see their health';
        line.append(link);
        announce('All your feeds have been fetched');
        return;
      }
    } catch {
      // Offline for a moment: try again at the next tick.
    }
    setTimeout(poll, 4000);
  };
  setTimeout(poll, 4000);
}

// ---- OPML import: say it is working while a large file uploads ----

document.querySelector('form[action="/feeds/import"]')?.addEventListener('submit', (event) => {
  const form = event.target;
  const button = form.querySelector('button[type="submit"]');
  const file = form.elements.opml?.files?.[0];
  if (button) {
    button.disabled = true;
    button.textContent = 'Importing…';
  }
  const note = document.createElement('p');
  note.className = 'hint';
  note.setAttribute('role', 'status');
  note.textContent = file ? `Uploading ${file.name} (${Math.ceil(file.size / 1024)} KB) and subscribing to its feeds…` : 'Importing…';
  const bar = document.createElement('progress');
  bar.setAttribute('aria-label', 'Import');
  form.append(note, bar);
});
