// The ops dashboard: plain JavaScript over the analytics API, no build step. No Ownwatch page has a login of its
// own, so the bearer token (from scripts/get-token) is pasted once and kept in sessionStorage: gone with the tab.
'use strict';

const TOKEN_KEY = 'ownwatch.token';
const $ = (id) => document.getElementById(id);

function duration(seconds) {
  if (seconds === null || seconds === undefined) return '-';
  const s = Math.round(seconds);
  if (s < 60) return s + ' s';
  if (s < 3600) return Math.floor(s / 60) + ' min ' + (s % 60) + ' s';
  return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
}

function percent(ratio) {
  return ratio === null || ratio === undefined ? '-' : (ratio * 100).toFixed(1) + ' %';
}

async function api(path) {
  const response = await fetch(path, { headers: { Authorization: 'Bearer ' + sessionStorage.getItem(TOKEN_KEY) } });
  if (!response.ok) {
    let detail = response.statusText;
    try { detail = (await response.json()).detail || detail; } catch (ignored) { /* not a problem document */ }
    throw new Error(response.status + ': ' + detail);
  }
  return response.json();
}

function card(container, label, value) {
  const div = document.createElement('div');
  div.className = 'card';
  const v = document.createElement('div');
  v.className = 'value';
  v.textContent = value;
  const l = document.createElement('div');
  l.className = 'label';
  l.textContent = label;
  div.append(v, l);
  container.append(div);
}

function row(tbody, cells) {
  const tr = document.createElement('tr');
  for (const cell of cells) {
    const td = document.createElement('td');
    td.textContent = cell;
    tr.append(td);
  }
  tbody.append(tr);
}

function drawTrend(buckets) {
  const svg = $('trend');
  svg.replaceChildren();
  const ns = 'http://www.w3.org/2000/svg';
  const values = buckets.flatMap((b) => [b.stats.mtta.medianSeconds, b.stats.mttr.medianSeconds]).filter((v) => v !== null);
  if (buckets.length === 0 || values.length === 0) {
    const text = document.createElementNS(ns, 'text');
    text.setAttribute('x', 20); text.setAttribute('y', 120);
    text.textContent = 'No incidents in this range.';
    svg.append(text);
    return;
  }
  const max = Math.max(...values);
  const x = (i) => 40 + (buckets.length === 1 ? 360 : i * 740 / (buckets.length - 1));
  const y = (v) => 220 - (v / max) * 200;
  for (const [key, color] of [['mtta', '#1f77b4'], ['mttr', '#d62728']]) {
    const points = buckets.map((b, i) => [i, b.stats[key].medianSeconds]).filter(([, v]) => v !== null);
    const line = document.createElementNS(ns, 'polyline');
    line.setAttribute('fill', 'none');
    line.setAttribute('stroke', color);
    line.setAttribute('stroke-width', 2);
    line.setAttribute('points', points.map(([i, v]) => x(i) + ',' + y(v)).join(' '));
    svg.append(line);
    for (const [i, v] of points) {
      const dot = document.createElementNS(ns, 'circle');
      dot.setAttribute('cx', x(i)); dot.setAttribute('cy', y(v)); dot.setAttribute('r', 3); dot.setAttribute('fill', color);
      const title = document.createElementNS(ns, 'title');
      title.textContent = key.toUpperCase() + ' ' + buckets[i].start + ': ' + duration(v);
      dot.append(title);
      svg.append(dot);
    }
  }
  const label = document.createElementNS(ns, 'text');
  label.setAttribute('x', 4); label.setAttribute('y', 16);
  label.textContent = 'max ' + duration(max);
  svg.append(label);
}

async function refresh() {
  const to = new Date();
  const from = new Date(to.getTime() - Number($('days').value) * 86400000);
  const zone = encodeURIComponent($('zone').value || 'UTC');
  const range = 'from=' + from.toISOString() + '&to=' + to.toISOString();
  $('message').textContent = '';
  try {
    const [times, teams, pages, automation, open] = await Promise.all([
      api('/api/v1/analytics/response-times?' + range + '&bucket=' + $('bucket').value + '&zone=' + zone),
      api('/api/v1/analytics/teams?' + range),
      api('/api/v1/analytics/pages?' + range + '&zone=' + zone),
      api('/api/v1/analytics/automation?' + range),
      api('/api/v1/analytics/open-incidents?limit=50'),
    ]);
    const overall = $('overall');
    overall.replaceChildren();
    const o = times.overall;
    card(overall, 'incidents', o.incidents);
    card(overall, 'MTTA median / p90', duration(o.mtta.medianSeconds) + ' / ' + duration(o.mtta.p90Seconds));
    card(overall, 'MTTR median / p90', duration(o.mttr.medianSeconds) + ' / ' + duration(o.mttr.p90Seconds));
    card(overall, 'never acknowledged by a person', o.neverAcknowledged);
    card(overall, 'escalation rate', percent(o.escalationRate));
    drawTrend(times.buckets);

    const pagesByTeam = new Map(pages.teams.map((p) => [p.teamId, p]));
    const tbody = $('teams').querySelector('tbody');
    tbody.replaceChildren();
    for (const t of teams.teams) {
      const p = pagesByTeam.get(t.teamId) || { businessHours: 0, offHours: 0 };
      row(tbody, [t.teamId || '(no team)', t.stats.incidents, duration(t.stats.mtta.medianSeconds),
        duration(t.stats.mttr.medianSeconds), t.stats.neverAcknowledged, percent(t.stats.escalationRate),
        percent(t.stats.automationShare), p.businessHours, p.offHours]);
    }

    const auto = $('automation');
    auto.replaceChildren();
    card(auto, 'resolved by automation', automation.resolvedByAutomation + ' of ' + automation.resolved);
    card(auto, 'automation share', percent(automation.automationShare));
    card(auto, 'time saved (vs. people\'s median MTTR)', duration(automation.timeSaved.savedSeconds));
    card(auto, 'without a comparable incident', automation.timeSaved.withoutComparison);

    const openBody = $('open').querySelector('tbody');
    openBody.replaceChildren();
    for (const i of open) {
      row(openBody, [i.openedAt, i.teamId || '-', i.serviceId || '-', i.severity, i.status, i.summary || '', i.incidentId]);
    }
  } catch (error) {
    $('message').textContent = 'Could not load the analytics: ' + error.message;
  }
}

$('settings').addEventListener('submit', (event) => {
  event.preventDefault();
  if ($('token').value) {
    sessionStorage.setItem(TOKEN_KEY, $('token').value.trim());
    $('token').value = '';
  }
  refresh();
});

if (sessionStorage.getItem(TOKEN_KEY)) {
  refresh();
} else {
  $('message').textContent = 'Paste a bearer token (scripts/get-token <person>) and press Show.';
}
