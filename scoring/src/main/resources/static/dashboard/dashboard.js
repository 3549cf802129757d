// The live dashboard. Everything shown that came from a server (title ids, headlines, figures) goes into the page as
// text (textContent), never as markup; the page's Content-Security-Policy runs no inline script either way.
'use strict';

const reviewIntake = document.querySelector('meta[name="reviewflow-review-intake"]').content.replace(/\/+$/, '');
const rows = new Map();
const fmt = v => v === null || v === undefined ? '–' : String(v);
const pct = v => v === null || v === undefined ? '–' : v + '%';

/** An element with the given class and children; strings become text nodes. */
function el(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children.map(child => child instanceof Node ? child : String(child)));
  return node;
}

function bars(histogram) {
  const max = Math.max(1, ...histogram);
  return el('span', 'bars', ...histogram.map((n, i) => {
    const bar = el('span');
    bar.title = `${i + 1}: ${n}`;
    bar.style.height = (Math.round(26 * n / max) + 2) + 'px';
    return bar;
  }));
}

function titleRow(score) {
  let row = rows.get(score.titleId);
  // newest wins by version: a snapshot and the live stream may cross
  if (row && row.version > score.version) return;
  if (!row) {
    row = el('tr', 'title');
    row.addEventListener('click', () => openTitle(score.titleId));
    rows.set(score.titleId, row);
    document.getElementById('titles').append(row);
  }
  row.version = score.version;
  const critic = score.criticScore, ur = score.userRating;
  row.replaceChildren(
    el('td', null, score.titleId),
    el('td', null, fmt(ur.average)),
    el('td', null, ur.count),
    el('td', null, bars(ur.histogram)),
    el('td', null, fmt(ur.weighted)),
    el('td', null, pct(critic.percent), ' ', el('span', 'muted', `${critic.fresh}/${critic.count}`)),
    el('td', null, pct(critic.topCritics.percent)),
    el('td', null, pct(score.audienceScore.percent)),
    el('td', null, `${score.reviewCounts.user} users, ${score.reviewCounts.critic} critics`),
    el('td', 'muted', new Date(score.updatedAt).toLocaleTimeString()));
  row.classList.remove('flash');
  void row.offsetWidth;
  row.classList.add('flash');
}

const state = document.getElementById('state');
const all = new EventSource('/api/stream/scores');
all.addEventListener('title-score', e => titleRow(JSON.parse(e.data)));
all.addEventListener('open', () => state.textContent = 'live');
all.addEventListener('error', () => state.textContent = 'reconnecting…');

// the stream starts with the first titles only; the rest are read page by page (titleRow keeps the newest version)
async function loadAllTitles() {
  for (let page = 0; ; page++) {
    const response = await fetch(`/api/titles/scores?page=${page}&size=100`);
    if (!response.ok) return;
    const body = await response.json();
    body.items.forEach(titleRow);
    if (body.items.length === 0 || (page + 1) * body.size >= body.totalItems) return;
  }
}
loadAllTitles();

let detail = null;
const reviewScores = new Map();

function renderReviews() {
  const sorted = [...reviewScores.values()].sort((a, b) => b.wilsonLowerBound - a.wilsonLowerBound).slice(0, 20);
  document.getElementById('reviews').replaceChildren(...sorted.map(r => el('tr', 'review',
    r.headline ? el('td', null, el('span', 'headline', r.headline), ' ', el('span', 'muted', r.reviewId.slice(0, 8)))
      : el('td', null, r.reviewId),
    el('td', null, `${r.helpful} of ${r.total} found this helpful`),
    el('td', null, Number(r.wilsonLowerBound).toFixed(3)))));
}

function openTitle(titleId) {
  if (detail) detail.close();
  reviewScores.clear();
  document.getElementById('detail').hidden = false;
  document.getElementById('detail-title').textContent = titleId;
  renderReviews();
  const stream = detail = new EventSource('/api/stream/scores?titleId=' + encodeURIComponent(titleId));
  detail.addEventListener('review-score', e => {
    const score = JSON.parse(e.data);
    const known = reviewScores.get(score.reviewId) || {};
    if (known.version > score.version) return;
    reviewScores.set(score.reviewId, Object.assign(known, score));
    renderReviews();
  });
  // headlines come from review-intake (reviewflow.scoring.dashboard.review-intake-url)
  fetch(`${reviewIntake}/api/titles/${encodeURIComponent(titleId)}/reviews?sort=helpful&size=50`)
    .then(r => r.ok ? r.json() : { items: [] })
    .then(page => {
      if (detail !== stream) return; // another title was opened meanwhile
      page.items.forEach(review => {
        const known = reviewScores.get(review.reviewId) || { reviewId: review.reviewId, helpful: review.helpfulVotes,
          total: review.totalVotes, wilsonLowerBound: 0 };
        known.headline = review.headline;
        reviewScores.set(review.reviewId, known);
      });
      renderReviews();
    })
    .catch(() => {});
}
