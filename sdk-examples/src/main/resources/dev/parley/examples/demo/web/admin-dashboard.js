// The admin page's dashboard: per group, how the last hours went, drawn as SVG line charts from
// the engine's statistics history (GET …/statistics/history): waiting clients, service level,
// abandonment and operator occupancy. Drawn here, with no chart library: the page's CSP allows
// only its own scripts, and SVG presentation attributes are not styles.
'use strict';

(() => {
  const {h, fill, toast, TENANT} = Demo;
  const SVG = 'http://www.w3.org/2000/svg';
  const W = 280;
  const H = 110;
  const PAD = {left: 34, right: 8, top: 8, bottom: 20};
  /** What each chart shows: its title, the sample's value (or undefined), and how to label it. */
  const CHARTS = [
    {key: 'waiting', title: 'Waiting clients', value: s => s.waiting, label: v => String(Math.round(v)), colour: '#2457d6'},
    {key: 'service-level', title: 'Service level', value: s => s.serviceLevel, label: percent, colour: '#1f8a4c', max: 1},
    {key: 'abandonment', title: 'Abandonment', value: s => s.abandonmentRate, label: percent, colour: '#c53030', max: 1},
    {key: 'occupancy', title: 'Occupancy', value: s => s.occupancy, label: percent, colour: '#b7791f', max: 1},
  ];

  function percent(v) {
    return Math.round(v * 100) + ' %';
  }

  function svg(tag, attrs, ...children) {
    const el = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
    children.forEach(c => el.append(typeof c === 'string' ? document.createTextNode(c) : c));
    return el;
  }

  /** One chart: the samples that have a value, on a time axis from the first sample to the last. */
  function chart(group, spec, samples) {
    const points = samples.filter(s => spec.value(s) !== undefined)
      .map(s => ({t: new Date(s.at).getTime(), v: spec.value(s)}));
    const t0 = samples.length ? new Date(samples[0].at).getTime() : 0;
    const t1 = samples.length ? new Date(samples[samples.length - 1].at).getTime() : 1;
    const top = spec.max || Math.max(1, ...points.map(p => p.v));
    const x = t => PAD.left + (W - PAD.left - PAD.right) * (t1 === t0 ? 1 : (t - t0) / (t1 - t0));
    const y = v => H - PAD.bottom - (H - PAD.top - PAD.bottom) * (v / top);
    const picture = svg('svg', {viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img',
      'aria-label': spec.title + ' of ' + group, 'data-chart': spec.key, 'data-group': group},
    svg('line', {x1: PAD.left, y1: y(0), x2: W - PAD.right, y2: y(0), stroke: '#dde1ea'}),
    svg('line', {x1: PAD.left, y1: y(top), x2: W - PAD.right, y2: y(top), stroke: '#dde1ea', 'stroke-dasharray': '3 3'}),
    svg('text', {x: PAD.left - 4, y: y(top) + 4, 'text-anchor': 'end', 'font-size': 10, fill: '#6b7385'}, spec.label(top)),
    svg('text', {x: PAD.left - 4, y: y(0) + 4, 'text-anchor': 'end', 'font-size': 10, fill: '#6b7385'}, spec.label(0)));
    if (samples.length) {
      picture.append(
        svg('text', {x: PAD.left, y: H - 4, 'font-size': 10, fill: '#6b7385'}, Demo.time(samples[0].at)),
        svg('text', {x: W - PAD.right, y: H - 4, 'text-anchor': 'end', 'font-size': 10, fill: '#6b7385'},
          Demo.time(samples[samples.length - 1].at)));
    }
    if (points.length) {
      picture.append(svg('polyline', {points: points.map(p => x(p.t).toFixed(1) + ',' + y(p.v).toFixed(1)).join(' '),
        fill: 'none', stroke: spec.colour, 'stroke-width': 2, 'stroke-linejoin': 'round'}));
      const last = points[points.length - 1];
      picture.append(svg('circle', {cx: x(last.t), cy: y(last.v), r: 3, fill: spec.colour}));
    }
    const now = points.length ? spec.label(points[points.length - 1].v) : '—';
    return h('figure', {className: 'chart'}, h('figcaption', {}, spec.title, ' ', h('strong', {}, now)), picture);
  }

  async function draw() {
    const response = await fetch('/api/v1/tenants/' + TENANT + '/statistics/history',
      {headers: {Authorization: 'Bearer ' + sessionStorage.getItem('parley-demo-admin')}});
    if (!response.ok) throw new Error('the statistics history: HTTP ' + response.status);
    const history = await response.json();
    fill(document.getElementById('dashboard'),
      h('p', {className: 'muted'}, 'A sample every ' + history.every + ', for the last ' + history.span
        + '; service level and abandonment over the statistics window at each sample.'),
      history.groups.map(g => h('div', {className: 'dashboard-group', dataset: {group: g.group, samples: g.samples.length}},
        h('h3', {}, g.group, ' ', h('span', {className: 'muted'}, g.samples.length + ' samples')),
        h('div', {className: 'row charts'}, CHARTS.map(spec => chart(g.group, spec, g.samples))))));
  }

  document.addEventListener('parley-admin-ready', () => {
    const again = () => draw().catch(e => toast(e.message, 'error'));
    again();
    setInterval(again, 5000);
  });
})();
