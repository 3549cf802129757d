// reviewflow's pages: htmx renders them on the server; this file only
//  - adds the signed-in user's token (localStorage 'reviewflow.token') to every htmx request,
//  - stores the token when a sign-in succeeds and forgets it on sign-out,
//  - follows the live score stream of what the page shows and asks htmx to refresh the parts that changed.
'use strict';

const TOKEN = 'reviewflow.token';

document.addEventListener('htmx:configRequest', event => {
  const token = localStorage.getItem(TOKEN);
  if (token && new URL(event.detail.path, location.href).origin === location.origin) {
    event.detail.headers['Authorization'] = 'Bearer ' + token;
  }
});

document.addEventListener('htmx:afterSettle', event => {
  if (event.target.id === 'main') {
    event.target.removeAttribute('aria-busy');
  }
  followLiveScores();
});

document.addEventListener('click', event => {
  if (event.target.closest('[data-sign-out]')) {
    localStorage.removeItem(TOKEN);
    location.assign('/login?signed-out');
  }
});

// the sign-in answer says HX-Trigger: {"signed-in": {"token": "...", "next": "/..."}}
document.addEventListener('signed-in', event => {
  localStorage.setItem(TOKEN, event.detail.token);
  location.assign(here(event.detail.next));
});

// The live stream: the page names what it shows in data-live (the stream's URL); each part that shows a score names
// its event in data-refresh-on ("title-score:<titleId>" or "review-score:<reviewId>") and is refreshed by htmx (its
// hx-trigger is "score-changed") at most twice a second, always after the latest change.
let live = null;
let liveUrl = null;
const due = new Set();

function followLiveScores() {
  const element = document.querySelector('[data-live]');
  const url = element ? element.dataset.live : null;
  if (url === liveUrl) {
    return;
  }
  if (live) {
    live.close();
  }
  live = null;
  liveUrl = url;
  if (url) {
    live = new EventSource(url);
    ['title-score', 'review-score'].forEach(kind => live.addEventListener(kind, event => changed(kind, event)));
  }
}

function changed(kind, event) {
  const key = kind + ':' + event.lastEventId;
  document.dispatchEvent(new CustomEvent('reviewflow:' + kind, { detail: JSON.parse(event.data) }));
  if (due.has(key)) {
    return;
  }
  due.add(key);
  setTimeout(() => {
    due.delete(key);
    document.querySelectorAll('[data-refresh-on="' + CSS.escape(key) + '"]')
      .forEach(part => htmx.trigger(part, 'score-changed'));
  }, 500);
}

// the end of a sign-in through the identity provider: the page carries the access token once
document.addEventListener('DOMContentLoaded', () => {
  const handoff = document.getElementById('signed-in');
  if (handoff && handoff.dataset.token) {
    localStorage.setItem(TOKEN, handoff.dataset.token);
    location.replace(here(handoff.dataset.next));
  }
});

// a place on this site to go on to, never another origin
function here(next) {
  const url = new URL(next || '/', location.origin);
  return url.origin === location.origin ? url.pathname + url.search + url.hash : '/';
}
