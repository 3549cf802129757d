// The dashboard (/dashboard): a live plot (uPlot) of the chosen title's average rating and rating count since the
// page opened, and the rate of score changes arriving. htmx renders everything else. This file acts only when the
// dashboard is on the page; htmx swaps it in after this script ran, and may swap in another, so it starts on every
// htmx:afterSettle that finds a dashboard it has not started yet.
//
// It reads the reviewflow:title-score events app.js dispatches for the live stream's title-score messages (detail:
// the TitleScoreChanged JSON). A message counts as a change when its version is newer than the last one seen for the
// title: the stream may send a score again (after a reconnect), and that is no change.
//
// For tests and people alike, #dashboard-plot carries data-title-id (the chosen title) and data-points (how many
// points uPlot holds for it), #dashboard-plot-caption the latest values in words, #dashboard-rate the rate (and
// data-changes, the changes received since the page opened).
'use strict';

(() => {
  const WINDOW_SECONDS = 10;
  const AVERAGE = '#0b5cad';
  const COUNT = '#a3161a';
  const numbers = new Intl.NumberFormat('en');

  let board = null;

  function start() {
    const root = document.getElementById('dashboard');
    if (board && board.root === root) {
      return;
    }
    if (board) {
      board.stop();
      board = null;
    }
    if (root) {
      board = createBoard(root);
    }
  }

  document.addEventListener('htmx:afterSettle', start);
  document.addEventListener('reviewflow:title-score', event => {
    if (board) {
      board.received(event.detail);
    }
  });
  start();

  function createBoard(root) {
    const opened = Date.now() / 1000;
    const select = root.querySelector('#dashboard-plot-title');
    const target = root.querySelector('#dashboard-plot');
    const caption = root.querySelector('#dashboard-plot-caption');
    const rate = root.querySelector('#dashboard-rate');
    const total = root.querySelector('#dashboard-rate-total');
    const arrivals = [];
    let changes = 0;

    // every title on the page, each with its points since the page opened: the first is its score as rendered
    const titles = new Map();
    root.querySelectorAll('tr[data-title-id]').forEach(row => {
      const option = select ? Array.from(select.options).find(o => o.value === row.dataset.titleId) : null;
      titles.set(row.dataset.titleId, {
        name: option ? option.text : row.dataset.titleId,
        version: Number(row.dataset.version ?? -1),
        x: [opened],
        average: [row.dataset.average === undefined ? null : Number(row.dataset.average)],
        count: [Number(row.dataset.count ?? 0)],
      });
    });

    let chosen = select ? select.value : null;
    let plot = null;
    let resizing = null;

    function size() {
      const width = Math.max(200, target.clientWidth);
      return { width, height: width < 480 ? 200 : 260 };
    }

    function draw() {
      if (plot) {
        plot.destroy();
        plot = null;
      }
      const title = titles.get(chosen);
      if (!title || !target) {
        return;
      }
      if (typeof uPlot === 'undefined') {
        caption.textContent = 'The plot could not be drawn: its script did not load.';
        return;
      }
      plot = new uPlot(options(size()), [title.x, title.average, title.count], target);
      show();
    }

    function show() {
      const title = titles.get(chosen);
      if (!title || !plot) {
        return;
      }
      const last = title.x.length - 1;
      target.dataset.titleId = chosen;
      target.dataset.points = String(plot.data[0].length);
      const average = title.average[last];
      const count = title.count[last];
      const at = new Date(title.x[last] * 1000).toLocaleTimeString();
      const since = new Date(opened * 1000).toLocaleTimeString();
      const points = title.x.length;
      caption.textContent = title.name + ': '
        + (average === null ? 'no average yet' : 'average ' + oneDecimal(average) + ' out of 10')
        + ' from ' + numbers.format(count) + (count === 1 ? ' rating' : ' ratings') + ' at ' + at + '; '
        + points + (points === 1 ? ' point' : ' points') + ' since the page opened at ' + since + '.';
    }

    function received(score) {
      const title = titles.get(score.titleId);
      if (!title || !(score.version > title.version)) {
        return;
      }
      title.version = score.version;
      title.x.push(Date.now() / 1000);
      title.average.push(score.userRating.average ?? null);
      title.count.push(score.userRating.count);
      changes++;
      arrivals.push(performance.now());
      showRate();
      if (score.titleId === chosen && plot) {
        plot.setData([title.x, title.average, title.count]);
        show();
      }
    }

    function showRate() {
      const now = performance.now();
      while (arrivals.length && arrivals[0] < now - WINDOW_SECONDS * 1000) {
        arrivals.shift();
      }
      const seconds = Math.min(WINDOW_SECONDS, Math.max(1, Date.now() / 1000 - opened));
      rate.textContent = (arrivals.length / seconds).toFixed(1);
      rate.dataset.changes = String(changes);
      total.textContent = numbers.format(changes);
    }

    if (select) {
      select.addEventListener('change', () => {
        chosen = select.value;
        draw();
      });
    }
    if (target && typeof ResizeObserver !== 'undefined') {
      resizing = new ResizeObserver(() => {
        if (plot) {
          const next = size();
          if (next.width !== plot.width || next.height !== plot.height) {
            plot.setSize(next);
          }
        }
      });
      resizing.observe(target);
    }
    const ticking = setInterval(showRate, 1000);
    draw();
    showRate();

    return {
      root,
      received,
      stop() {
        clearInterval(ticking);
        if (resizing) {
          resizing.disconnect();
        }
        if (plot) {
          plot.destroy();
        }
      },
    };
  }

  // half up, as the table's figures are rounded (toFixed alone rounds 6.05 down, from its binary value)
  function oneDecimal(value) {
    return (Math.round(value * 10) / 10).toFixed(1);
  }

  function options({ width, height }) {
    const stepped = uPlot.paths && uPlot.paths.stepped ? uPlot.paths.stepped({ align: 1 }) : undefined;
    return {
      width,
      height,
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: true, range: (u, min, max) => (min === max ? [min - 30, max + 30] : [min, max]) },
        average: {
          range: (u, min, max) => (min === null || max === null
            ? [0, 10]
            : [Math.max(0, Math.floor(min) - 0.5), Math.min(10, Math.ceil(max) + 0.5)]),
        },
        count: {
          range: (u, min, max) => (min === null || max === null
            ? [0, 1]
            : [Math.max(0, Math.floor(min) - 1), Math.ceil(max) + 1]),
        },
      },
      series: [
        { label: 'Time' },
        {
          label: 'Average rating', scale: 'average', stroke: AVERAGE, width: 2, spanGaps: true, paths: stepped,
          points: { show: true, size: 6 },
        },
        {
          label: 'Ratings', scale: 'count', stroke: COUNT, width: 2, dash: [6, 4], paths: stepped,
          points: { show: true, size: 6 },
        },
      ],
      // a key to the two lines; the values are in the caption below the plot
      legend: { live: false },
      axes: [
        {
          stroke: '#4d4d57', space: 70,
          incrs: [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 43200, 86400],
          values: (u, splits) => splits.map(v => new Date(v * 1000).toLocaleTimeString()),
        },
        {
          scale: 'average', label: 'Average rating', stroke: AVERAGE,
          values: (u, splits) => splits.map(v => v.toFixed(1)),
        },
        {
          scale: 'count', side: 1, label: 'Ratings', stroke: COUNT, grid: { show: false },
          incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000, 1000000],
          values: (u, splits) => splits.map(v => numbers.format(v)),
        },
      ],
    };
  }
})();
