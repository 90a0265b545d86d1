// The admin page: live statistics, live sessions with re-route, the history with filters,
// full-text search and export, and one session in detail with its routing explanation.
'use strict';

(() => {
  const {h, fill, time, since, toast, fields, TENANT} = Demo;
  const $ = id => document.getElementById(id);
  const API = '/api/v1/tenants/' + TENANT;
  const STORED = 'parley-demo-admin';
  let token = sessionStorage.getItem(STORED);
  let next = null;
  let groups = [];

  async function api(path, options) {
    const response = await fetch(API + path, Object.assign({}, options, {
      headers: Object.assign({Authorization: 'Bearer ' + token, 'Content-Type': 'application/json'}, (options || {}).headers),
    }));
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.message || ('HTTP ' + response.status));
    return body;
  }

  // ---- token --------------------------------------------------------------------------------

  $('token-form').addEventListener('submit', e => {
    e.preventDefault();
    token = $('token').value.trim();
    start();
  });

  async function start() {
    try {
      await refresh();
    } catch (e) {
      toast('That token does not open the admin API: ' + e.message, 'error');
      sessionStorage.removeItem(STORED);
      return;
    }
    sessionStorage.setItem(STORED, token);
    // Export links are plain downloads: they authenticate with the cookie the server also reads.
    document.cookie = 'parley_token=' + encodeURIComponent(token) + '; path=/api; SameSite=Strict';
    $('token-form').classList.add('hidden');
    $('app').classList.remove('hidden');
    search();
    document.dispatchEvent(new Event('parley-admin-ready'));
    setInterval(() => refresh().catch(e => toast(e.message, 'error')), 3000);
  }

  // ---- now: statistics and live sessions ----------------------------------------------------

  async function refresh() {
    const [stats, live] = await Promise.all([api('/statistics'), api('/sessions/live')]);
    groups = stats.groups.map(g => g.group);
    fill($('stats'), h('div', {className: 'row'}, Object.entries(stats.sessions).map(([state, n]) =>
      h('span', {className: 'pill'}, state.toLowerCase().replace('_', '-') + ' ' + n))),
      h('table', {}, h('thead', {}, h('tr', {}, ['Group', 'Online', 'Busy', 'Away', 'Waiting', 'Longest wait'].map(c => h('th', {}, c)))),
        h('tbody', {}, stats.groups.map(g => h('tr', {}, h('td', {}, g.group), h('td', {}, g.online), h('td', {}, g.busy),
          h('td', {}, g.away), h('td', {}, g.waiting), h('td', {}, g.longestWaitSeconds + ' s'))))));
    fill($('live'), live.items.map(v => h('tr', {className: 'clickable', dataset: {session: v.session}, onclick: () => detail(v.session)},
      h('td', {}, v.entry.name || v.entry.client || ''), h('td', {}, v.entry.channel), h('td', {}, v.state),
      h('td', {}, v.group || ''), h('td', {}, v.operator || v.waitsFor || ''), h('td', {}, since(v.arrivedAt)),
      h('td', {onclick: e => e.stopPropagation()}, reroute(v)))));
  }

  function reroute(view) {
    const select = h('select', {'aria-label': 'group'}, groups.filter(g => g !== view.group).map(g => h('option', {value: g}, g)));
    return h('span', {className: 'row'}, select, h('button', {type: 'button', className: 'secondary', onclick: async () => {
      try {
        await api('/sessions/' + encodeURIComponent(view.session) + '/reroute', {method: 'POST',
          body: JSON.stringify({group: select.value, note: 're-routed by the admin'})});
        toast('Re-routed to ' + select.value);
        refresh();
      } catch (e) {
        toast(e.message, 'error');
      }
    }}, 'Go'));
  }

  // ---- one session --------------------------------------------------------------------------

  async function detail(id) {
    let s;
    try {
      s = await api('/sessions/' + encodeURIComponent(id));
    } catch (e) {
      toast(e.message, 'error');
      return;
    }
    $('detail').classList.remove('hidden');
    $('detail-id').textContent = s.id;
    const rows = [['Client', s.clientName], ['Channel', s.channel], ['Status', s.status], ['Group', s.group],
      ['Operator', s.operator], ['Arrived', s.arrivedAt], ['Accepted', s.acceptedAt], ['Ended', s.endedAt],
      ['End reason', s.endReason], ['Result', s.result], ['Rating', s.rating], ['Feedback', s.feedback],
      ['Tags', (s.tags || []).join(', ')], ['Page', s.pageUrl], ['Browser', [s.browser, s.os].filter(Boolean).join(' on ')]];
    for (const [k, v] of Object.entries(s.parameters || {})) rows.push([k, v]);
    fill($('detail-body'),
      h('dl', {className: 'facts'}, rows.filter(([, v]) => v !== undefined && v !== null && v !== '')
        .map(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))])),
      s.explanation ? [h('h2', {}, 'Why it is where it is'), h('pre', {className: 'explain', id: 'explanation'}, s.explanation.text)] : null,
      h('h2', {}, 'Transcript'),
      h('div', {className: 'messages'}, s.transcript.length ? s.transcript.map(m => h('div', {className: 'msg' + (m.sender === 'CLIENT' ? '' : ' mine')},
        h('span', {className: 'meta'}, (m.author || m.sender.toLowerCase()) + ' · ' + time(m.at) + ' · ' + m.delivery.toLowerCase()), m.text))
        : h('p', {className: 'muted'}, 'No messages.')),
      h('h2', {}, 'Transitions'),
      h('table', {}, h('tbody', {}, s.transitions.map(t => h('tr', {}, h('td', {}, time(t.at)), h('td', {}, t.status), h('td', {}, t.actor))))),
      (s.notes || []).length ? [h('h2', {}, 'Notes'), s.notes.map(n => h('div', {className: 'muted'}, n.author + ': ' + n.text))] : null,
      h('h2', {}, 'Acts'), Demo.sessionActs(s));
  }

  // ---- history ------------------------------------------------------------------------------

  function filters() {
    const f = fields($('filters'));
    for (const name of ['from', 'before']) {
      if (f[name]) f[name] = new Date(f[name]).toISOString();
    }
    return new URLSearchParams(f);
  }

  function exportLinks() {
    const q = filters();
    $('export-csv').href = API + '/sessions/export?format=csv&' + q;
    $('export-html').href = API + '/sessions/export?format=html&messages=true&' + q;
  }

  async function search(more) {
    const q = filters();
    q.set('limit', '25');
    if (more && next) q.set('cursor', next);
    let page;
    try {
      page = await api('/sessions?' + q);
    } catch (e) {
      toast(e.message, 'error');
      return;
    }
    const rows = page.items.map(s => h('tr', {className: 'clickable', dataset: {session: s.id}, onclick: () => detail(s.id)},
      h('td', {}, new Date(s.arrivedAt).toLocaleString()), h('td', {}, s.clientName || s.client || ''), h('td', {}, s.channel),
      h('td', {}, s.status), h('td', {}, s.group || ''), h('td', {}, s.operator || ''), h('td', {}, s.endReason || ''),
      h('td', {}, s.result || ''), h('td', {}, (s.tags || []).join(', '))));
    if (more) $('history').append(...rows); else fill($('history'), rows);
    next = page.next || null;
    $('more').classList.toggle('hidden', !next);
    exportLinks();
  }

  $('filters').addEventListener('submit', e => {
    e.preventDefault();
    search(false);
  });
  $('filters').addEventListener('input', exportLinks);
  $('more').addEventListener('click', () => search(true));

  if (token) start();
})();
