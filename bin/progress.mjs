// Progress of long CLI work on stderr. On a terminal: one bar per stage, redrawn in place, with the
// time left estimated from the stage's own rate so far. Elsewhere (a pipe, a CI log): plain lines
// at each tenth of a stage, so logs stay readable.
const WIDTH = 24;

function clock(seconds) {
  if (!Number.isFinite(seconds)) return '--';
  const s = Math.max(0, Math.round(seconds));
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/** An onProgress({stage, done, total} or {stage: 'warning', message}) callback writing to `stream` (default process.stderr). */
export function progressReporter(stream = process.stderr, now = () => performance.now()) {
  let stage = null;
  let started = 0;
  let lastTenth = -1;
  let lastDraw = 0;
  return ({ stage: name, done, total, message }) => {
    // A warning has no bar: its own line (after the bar being drawn), and the next stage starts anew.
    if (name === 'warning') {
      stream.write(`${stream.isTTY && stage !== null ? '\n' : ''}warning: ${message}\n`);
      stage = null;
      return;
    }
    const t = now();
    if (name !== stage) {
      if (stage !== null && stream.isTTY) stream.write('\n');
      stage = name;
      started = t;
      lastTenth = -1;
      lastDraw = 0;
    }
    const fraction = total > 0 ? Math.min(1, done / total) : 0;
    const elapsed = (t - started) / 1000;
    const left = done > 0 ? (elapsed / done) * (total - done) : NaN;
    const finished = done >= total;
    if (stream.isTTY) {
      if (!finished && t - lastDraw < 100) return; // at most ten redraws a second
      lastDraw = t;
      const filled = Math.round(fraction * WIDTH);
      const bar = `${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}`;
      const eta = finished ? `done in ${clock(elapsed)}` : `${clock(left)} left`;
      stream.write(`\r${name.padEnd(10)} [${bar}] ${String(Math.floor(fraction * 100)).padStart(3)}%  ${done}/${total}  ${eta}\x1b[K`);
    } else {
      const tenth = Math.floor(fraction * 10);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      stream.write(`${name} ${done}/${total} (${tenth * 10}%)${finished ? ` in ${clock(elapsed)}` : `, about ${clock(left)} left`}\n`);
    }
  };
}
