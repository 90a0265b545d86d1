// The operator console: log in, set a status, switch channels, see offers and the waiting list
// with previews, accept, chat, tag, note, redirect with the picker's counts, invite a colleague to
// help (and, invited, help and leave), end and wrap up; insert templates (the tenant's and his own,
// starred first, placeholders filled), send a hero card or a WhatsApp template, edit the client and
// keep him in the contact directory, tag from the tenant's catalogue and his recent tags, go away
// for one of the tenant's reasons. It
// keeps the log-in in sessionStorage and reconnects by itself (with back-off) when the connection
// drops or the server restarts, logging in again and finding its sessions as they were: the server
// gives an operator whose console is gone a grace to come back before he counts as away. While its
// tab is hidden it can chime and show a notification for a new offer or message (the operator's
// choice, kept in localStorage).
'use strict';

(() => {
  const {h, fill, reconnecting, time, since, toast} = Demo;
  const STORED = 'parley-demo-console';
  const NOTIFY = 'parley-demo-console-notify';
  const $ = id => document.getElementById(id);
  const CHANNELS = [['web-chat', 'Web chat'], ['video-call', 'Video'], ['whatsapp', 'WhatsApp']];

  let socket;
  let me = null;
  let waiting = [];
  const offers = new Map();   // session id -> live session
  const sessions = new Map(); // session id -> {view, messages, tags, notes, state, unread}
  let active = null;
  let picking = 'redirect'; // what the picker's choice is for: 'redirect' or 'invite'
  let refs = 0;
  let catalogue = new Map(); // the tenant's tags -> their colours
  let recentTags = [];
  let formFor = null; // the session whose client the client form shows

  const send = frame => socket.send(frame);
  const ref = kind => kind + ':' + (++refs);
  const nameOf = view => (view && view.entry && (view.entry.name || view.entry.client)) || 'client';
  const channelOf = view => (view && view.entry && view.entry.channel ? view.entry.channel.toLowerCase().replace('_', ' ') : '');

  // ---- login --------------------------------------------------------------------------------

  $('login').addEventListener('submit', e => {
    e.preventDefault();
    sessionStorage.setItem(STORED, JSON.stringify({token: $('login-name').value.trim() + ':' + $('login-password').value,
      away: false}));
    logIn();
  });

  /** Connects and logs in with the stored log-in, again on every reconnection, keeping the chosen presence. */
  function logIn() {
    socket = reconnecting('/ws/operator', {
      onOpen(ws) {
        const stored = JSON.parse(sessionStorage.getItem(STORED) || 'null');
        if (stored) {
          ws.hello(stored.away ? {type: 'login', token: stored.token, presence: 'away', ref: 'login'}
            : {type: 'login', token: stored.token, ref: 'login'});
        }
      },
      onFrame,
      onStatus(text) {
        $('connection').textContent = text || '';
        $('connection').classList.toggle('hidden', !text);
      },
    });
  }

  function welcome(f) {
    socket.ready();
    me = f.operator;
    $('login').classList.add('hidden');
    $('app').classList.remove('hidden');
    ['me', 'presence', 'switches', 'notify-label'].forEach(id => $(id).classList.remove('hidden'));
    $('me').textContent = me + ' @ ' + f.tenant;
    statusMenu(f.awayReasons || []);
    presence(f.status);
    suggestions(f.tags);
    fill($('switches'), CHANNELS.map(([id, label]) => h('label', {},
      h('input', {type: 'checkbox', checked: true, dataset: {channel: id},
        onchange: e => toggle(e.target, id)}), label)));
    // A welcome after a reconnection replaces what the console showed: sessions no longer his go,
    // the others fill their transcripts again (messages may have come while it was away).
    offers.clear();
    const his = new Set(f.sessions.map(v => v.session));
    for (const id of [...sessions.keys()]) if (!his.has(id)) drop(id, null);
    for (const view of f.sessions) {
      if (view.state === 'OFFERED') {
        offers.set(view.session, view);
      } else if (sessions.has(view.session)) {
        sessions.get(view.session).state = view.state;
        send({type: 'preview', session: view.session, ref: 'fill:' + view.session});
      } else {
        take(view);
      }
    }
    waiting = f.waiting;
    renderOffers();
    renderWaiting();
  }

  // ---- status and channels ------------------------------------------------------------------

  const switching = new Map(); // ref -> the checkbox to put back if the server refuses

  function toggle(box, channel) {
    const r = ref('switch');
    switching.set(r, box);
    send({type: 'switch', channel, on: box.checked, ref: r});
  }

  /** The status menu: online, away for each of the tenant's reasons (or a few of the demo's when it lists none), offline. */
  function statusMenu(reasons) {
    const aways = reasons.length ? reasons.map(r => ['away:' + r, 'Away — ' + r])
      : [['away:', 'Away'], ['away:lunch', 'Away — lunch'], ['away:meeting', 'Away — meeting']];
    fill($('presence'), [['online', 'Online'], ...aways, ['offline', 'Offline']]
      .map(([value, label]) => h('option', {value}, label)));
  }

  function presence(status) {
    const p = status.presence.toLowerCase();
    const value = p === 'away' ? 'away:' + (status.reason || '') : p;
    if (![...$('presence').options].some(o => o.value === value)) { // the engine's own, such as away: disconnected
      $('presence').append(h('option', {value}, 'Away — ' + (status.reason || '')));
    }
    $('presence').value = value;
  }

  $('presence').addEventListener('change', () => {
    const [p, reason] = $('presence').value.split(':');
    const stored = JSON.parse(sessionStorage.getItem(STORED) || 'null');
    if (stored) sessionStorage.setItem(STORED, JSON.stringify(Object.assign(stored, {away: p !== 'online'})));
    send(reason ? {type: 'status', presence: p, reason, ref: ref('status')} : {type: 'status', presence: p, ref: ref('status')});
  });

  // ---- offers, waiting list, preview --------------------------------------------------------

  function renderOffers() {
    if (offers.size === 0) return fill($('offers'), h('p', {className: 'muted'}, 'No offers.'));
    fill($('offers'), [...offers.values()].map(view => h('div', {className: 'list-item offer', dataset: {session: view.session}},
      h('b', {}, nameOf(view)), ' ', h('span', {className: 'pill'}, channelOf(view)), h('span', {className: 'pill'}, view.group),
      h('div', {className: 'muted'}, 'waiting ' + since(view.waitingSince)),
      h('div', {className: 'row'},
        h('button', {className: 'accept', type: 'button', onclick: () => accept(view.session)}, 'Accept'),
        h('button', {className: 'secondary', type: 'button',
          onclick: () => send({type: 'decline', session: view.session, ref: ref('decline')})}, 'Decline')))));
  }

  function renderWaiting() {
    const items = waiting.filter(v => !sessions.has(v.session));
    if (items.length === 0) return fill($('waiting'), h('p', {className: 'muted'}, 'Nobody is waiting.'));
    fill($('waiting'), items.map(view => h('div', {className: 'list-item waiting-item', dataset: {session: view.session}},
      h('b', {}, nameOf(view)), ' ', h('span', {className: 'pill'}, channelOf(view)), h('span', {className: 'pill'}, view.group),
      h('div', {className: 'muted'}, '#' + (view.position || '?') + ' · waiting ' + since(view.waitingSince)),
      view.notes.length ? h('div', {className: 'muted'}, 'note: ' + view.notes[view.notes.length - 1].text) : null,
      h('div', {className: 'row'},
        h('button', {className: 'secondary', type: 'button',
          onclick: () => send({type: 'preview', session: view.session, ref: 'show:' + view.session})}, 'Preview'),
        h('button', {className: 'accept', type: 'button', onclick: () => accept(view.session)}, 'Accept')))));
  }

  function accept(session) {
    send({type: 'accept', session, ref: ref('accept')});
  }

  function showPreview(f) {
    $('preview').classList.remove('hidden');
    fill($('preview-body'), h('dl', {className: 'facts'}, facts(f.preview)), h('div', {className: 'messages'},
      f.messages.length ? f.messages.map(messageEl) : h('p', {className: 'muted'}, 'No messages yet.')),
      h('h3', {}, 'Earlier sessions'), pastEl(f.past || []));
  }

  /** The client's earlier sessions, newest first: when, where, who, how it ended, tags, parameters and notes. */
  function pastEl(past) {
    if (!past.length) return h('p', {className: 'muted'}, 'None: a new client.');
    return h('ul', {id: 'past', className: 'past'}, past.map(p => h('li', {dataset: {session: p.id}},
      h('div', {}, time(p.arrivedAt) + ' · ' + p.channel.toLowerCase().replace('_', ' ')
        + (p.operator ? ' · ' + p.operator : '') + ' · ' + (p.result || p.endReason || p.status).toLowerCase().replace('_', ' ')),
      p.tags.length ? h('div', {}, p.tags.map(t => h('span', {className: 'pill'}, t))) : null,
      Object.keys(p.parameters).length
        ? h('div', {className: 'muted'}, Object.entries(p.parameters).map(([k, v]) => k + ': ' + v).join(', ')) : null,
      p.notes.map(n => h('div', {className: 'muted'}, n.author.replace('operator:', '') + ': ' + n.text)))));
  }

  // ---- sessions -----------------------------------------------------------------------------

  /** Opens a tab for a session the operator serves, or helps in when {@code helping}. */
  function take(view, helping = false) {
    if (!sessions.has(view.session)) {
      sessions.set(view.session, {view, messages: [], tags: new Set(), notes: view.notes || [], state: view.state, unread: false,
        helping});
      send({type: 'preview', session: view.session, ref: 'fill:' + view.session});
    }
    if (!active) select(view.session);
    renderTabs();
    renderWaiting();
  }

  function drop(session, why) {
    sessions.delete(session);
    if (why) toast(why);
    if (active === session) {
      active = null;
      const next = sessions.keys().next();
      if (!next.done) select(next.value);
    }
    renderTabs();
    renderSession();
  }

  function select(session) {
    active = session;
    const s = sessions.get(session);
    if (s) s.unread = false;
    $('redirect').classList.add('hidden');
    renderTabs();
    renderSession();
    loadTemplates();
  }

  function renderTabs() {
    fill($('tabs'), [...sessions.entries()].map(([id, s]) => h('button', {type: 'button',
      className: (id === active ? 'active' : '') + (s.unread ? ' unread' : ''), dataset: {session: id},
      onclick: () => select(id)}, nameOf(s.view))));
  }

  function messageEl(m) {
    if (m.from === 'system') return h('div', {className: 'msg system'}, m.text);
    const mine = m.from === 'operator' && m.author === me;
    const who = m.from === 'client' ? 'Client' : (m.author || m.from);
    return h('div', {className: 'msg' + (mine ? ' mine' : ''), dataset: {from: m.from}},
      h('span', {className: 'meta'}, who + ' · ' + time(m.at)), m.text,
      (m.attachments || []).map(a => h('div', {}, h('a', {href: a.url, target: '_blank', rel: 'noopener noreferrer'}, a.name))));
  }

  /** The dt/dd pairs of what is known of the client. */
  function facts(view) {
    const e = view.entry || {};
    const rows = [['Name', e.name], ['E-mail', e.email], ['Phone', e.phone], ['Channel', channelOf(view)],
      ['Group', view.group], ['Language', e.language], ['Browser', [e.browser, e.os].filter(Boolean).join(' on ')],
      ['Page', e.pageUrl], ['Arrived', time(view.arrivedAt)]];
    for (const [k, v] of Object.entries(e.parameters || {})) rows.push([k, v]);
    return rows.filter(([, v]) => v).map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]);
  }

  function renderSession() {
    const s = active && sessions.get(active);
    $('session').classList.toggle('hidden', !s);
    $('details').classList.toggle('hidden', !s);
    $('no-session').classList.toggle('hidden', !!s);
    if (!s) return;
    const helpers = (s.view.collaborators || []).filter(o => o !== me);
    $('session-head').textContent = nameOf(s.view) + ' · ' + channelOf(s.view) + ' · ' + (s.view.group || '')
      + ' · ' + s.state.toLowerCase().replace('_', '-') + (s.helping ? ' · you help ' + (s.view.operator || '') : '')
      + (helpers.length ? ' · helping: ' + helpers.join(', ') : '');
    fill($('session-messages'), s.messages.map(messageEl));
    $('session-messages').scrollTop = $('session-messages').scrollHeight;
    const wrapping = s.state === 'WRAP_UP';
    $('wrapup').classList.toggle('hidden', !wrapping);
    ['composer-text', 'composer-send', 'redirect-open', 'invite-open', 'end', 'block'].forEach(id => { $(id).disabled = wrapping; });
    ['redirect-open', 'invite-open', 'end', 'block'].forEach(id => $(id).classList.toggle('hidden', !!s.helping));
    $('leave').classList.toggle('hidden', !s.helping);
    fill($('client-facts'), facts(s.view));
    if (formFor !== active) clientForm(s);
    renderContact(s);
    fill($('tags'), [...s.tags].map(t => h('span', {className: 'pill tag', dataset: {tag: t}, style: tagStyle(t)}, t, ' ',
      h('a', {href: '#', title: 'remove', onclick: ev => { ev.preventDefault(); send({type: 'tag', session: active, tag: t, on: false, ref: ref('tag')}); }}, '×'))));
    renderSuggestions(s);
    fill($('notes'), s.notes.map(n => h('div', {className: 'muted'}, time(n.at) + ' ' + n.author + ': ' + n.text)));
  }

  $('composer').addEventListener('submit', e => {
    e.preventDefault();
    const text = $('composer-text').value.trim();
    if (!text || !active) return;
    const id = 'c-' + Date.now() + '-' + Math.floor(Math.random() * 1e6);
    send({type: 'send', session: active, text, id, ref: ref('send')});
    sessions.get(active).messages.push({from: 'operator', author: me, text, at: new Date().toISOString()});
    $('composer-text').value = '';
    renderSession();
  });

  let lastTyping = 0;
  $('composer-text').addEventListener('input', () => {
    if (active && Date.now() - lastTyping > 2000) {
      lastTyping = Date.now();
      send({type: 'typing', session: active});
    }
  });

  $('end').addEventListener('click', () => send({type: 'end', session: active, ref: ref('end')}));

  $('block').addEventListener('click', () => {
    if (confirm('Block this client? He will not be able to start chats again.')) {
      send({type: 'block', session: active, reason: 'blocked from the console', ref: ref('block')});
    }
  });

  $('wrapup').addEventListener('submit', e => {
    e.preventDefault();
    const frame = {type: 'wrapup', session: active, result: $('wrapup-result').value, ref: ref('wrapup')};
    if ($('wrapup-note').value.trim()) frame.note = $('wrapup-note').value.trim();
    send(frame);
    $('wrapup-note').value = '';
  });

  $('tag-form').addEventListener('submit', e => {
    e.preventDefault();
    const tag = $('tag-text').value.trim();
    if (tag && active) send({type: 'tag', session: active, tag, on: true, ref: ref('tag')});
    $('tag-text').value = '';
  });

  $('note-form').addEventListener('submit', e => {
    e.preventDefault();
    const text = $('note-text').value.trim();
    if (text && active) send({type: 'note', session: active, text, ref: ref('note')});
    $('note-text').value = '';
  });

  // ---- tags: the tenant's catalogue with colours, his recent ones ---------------------------

  function suggestions(tags) {
    if (!tags) return;
    catalogue = new Map(tags.catalogue.map(t => [t.tag, t.colour]));
    recentTags = tags.recent;
    fill($('tag-list'), [...new Set([...catalogue.keys(), ...recentTags])].map(t => h('option', {value: t})));
    const s = active && sessions.get(active);
    if (s) renderSuggestions(s);
  }

  function tagStyle(tag) {
    const colour = catalogue.get(tag);
    return colour ? 'background:' + colour + ';color:#fff;border-color:' + colour : null;
  }

  /** The tags he may want next: the catalogue's, then his recent ones, without those the session has. */
  function renderSuggestions(s) {
    const next = [...new Set([...catalogue.keys(), ...recentTags])].filter(t => !s.tags.has(t));
    fill($('tag-suggestions'), next.map(t => h('button', {type: 'button', className: 'secondary suggestion',
      dataset: {tag: t}, style: tagStyle(t), title: catalogue.has(t) ? 'from the catalogue' : 'you used it lately',
      onclick: () => send({type: 'tag', session: active, tag: t, on: true, ref: ref('tag')})}, '+ ' + t)));
  }

  // ---- templates, cards and WhatsApp templates ----------------------------------------------

  function loadTemplates() {
    if (!$('templates-box').open) return;
    const frame = {type: 'templates', query: $('template-search').value, ref: 'templates'};
    if (active) frame.session = active;
    send(frame);
  }

  $('templates-box').addEventListener('toggle', loadTemplates);
  $('template-search').addEventListener('input', loadTemplates);

  function renderTemplates(items) {
    if (!items.length) return fill($('templates'), h('p', {className: 'muted'}, 'No templates.'));
    fill($('templates'), items.map(t => h('div', {className: 'template', dataset: {template: t.id, starred: String(t.starred)}},
      h('button', {type: 'button', className: 'star', title: t.starred ? 'unstar' : 'star',
        onclick: () => send({type: 'template_star', template: t.id, on: !t.starred, ref: ref('star')})}, t.starred ? '★' : '☆'),
      h('b', {}, t.title), t.own ? h('span', {className: 'pill'}, 'mine') : null,
      h('span', {className: 'text'}, t.text),
      h('button', {type: 'button', className: 'secondary insert', onclick: () => {
        $('composer-text').value = t.text;
        $('composer-text').focus();
      }}, 'Insert'),
      t.own ? h('button', {type: 'button', className: 'secondary', title: 'remove',
        onclick: () => send({type: 'template_remove', template: t.id, ref: ref('template')})}, '×') : null)));
  }

  $('template-save').addEventListener('submit', e => {
    e.preventDefault();
    const title = $('template-title').value.trim();
    const text = $('composer-text').value.trim();
    if (!title || !text) return toast('Write the text in the composer and give it a title.', 'error');
    send({type: 'template_save', title, text, ref: ref('template')});
    $('template-title').value = '';
  });

  const list = value => value.split(',').map(v => v.trim()).filter(Boolean);

  const sending = new Map(); // ref of a card or template -> its session and text, shown once the server took it

  /** Sends a rich message and shows its text in the tab, as the transcript keeps it, once the server took it. */
  function rich(frame, text) {
    if (!active) return;
    const r = ref('rich');
    sending.set(r, {session: active, text});
    send(Object.assign(frame, {session: active, id: 'r-' + Date.now() + '-' + Math.floor(Math.random() * 1e6), ref: r}));
  }

  $('card-form').addEventListener('submit', e => {
    e.preventDefault();
    const buttons = list($('card-buttons').value);
    rich({type: 'card', title: $('card-title').value.trim(), subtitle: $('card-subtitle').value.trim(),
      buttons: buttons.map(b => ({title: b, payload: b}))},
    [$('card-title').value.trim(), $('card-subtitle').value.trim(), ...buttons.map(b => '[' + b + ']')].filter(Boolean).join('\n'));
  });

  $('wa-form').addEventListener('submit', e => {
    e.preventDefault();
    const parameters = list($('wa-parameters').value);
    rich({type: 'wa_template', name: $('wa-name').value.trim(), language: $('wa-language').value.trim(), parameters},
      'template ' + $('wa-name').value.trim() + ' (' + $('wa-language').value.trim() + ')'
        + (parameters.length ? ': ' + parameters.join(', ') : ''));
  });

  // ---- the client and the contact directory -------------------------------------------------

  const CLIENT_FIELDS = [['client-name', 'name'], ['client-email', 'email'], ['client-phone', 'phone']];

  function clientForm(s) {
    formFor = active;
    const e = s.view.entry || {};
    CLIENT_FIELDS.forEach(([id, field]) => { $(id).value = e[field] || ''; });
    $('client-crm').value = (e.parameters || {}).crmId || '';
  }

  $('client-form').addEventListener('submit', e => {
    e.preventDefault();
    const s = active && sessions.get(active);
    if (!s) return;
    const entry = s.view.entry || {};
    const frame = {type: 'client_info', session: active, ref: ref('client')};
    CLIENT_FIELDS.forEach(([id, field]) => {
      if ($(id).value.trim() !== (entry[field] || '')) frame[field] = $(id).value.trim();
    });
    if ($('client-crm').value.trim() !== ((entry.parameters || {}).crmId || '')) frame.ids = {crmId: $('client-crm').value.trim()};
    if (Object.keys(frame).length > 3) send(frame);
  });

  function renderContact(s) {
    const c = s.contact;
    if (!c) {
      fill($('contact'), h('p', {className: 'muted'}, 'Not in the contacts.'),
        h('button', {id: 'contact-add', type: 'button', className: 'secondary',
          onclick: () => send({type: 'contact_add', session: active, ref: ref('contact')})}, 'Add to contacts'));
      return;
    }
    const sessionsOf = s.contactSessions || [];
    fill($('contact'), h('div', {id: 'contact-card', dataset: {contact: c.id}}, h('b', {}, c.name),
      h('ul', {className: 'past'}, c.identities.map(i => h('li', {}, i.kind.toLowerCase() + ': ' + i.value)),
        Object.entries(c.details).map(([k, v]) => h('li', {}, k + ': ' + v))),
      h('form', {className: 'row', onsubmit: ev => {
        ev.preventDefault();
        const [kind, value] = [ev.target.elements.kind.value, ev.target.elements.value.value.trim()];
        if (value) send({type: 'contact_details', contact: c.id, identities: [{kind, value}], ref: ref('contact')});
      }}, h('select', {name: 'kind', 'aria-label': 'kind'}, ['phone', 'email', 'custom'].map(k => h('option', {value: k}, k))),
        h('input', {name: 'value', maxlength: '200', placeholder: 'add a detail'}),
        h('button', {type: 'submit', className: 'secondary'}, 'Add')),
      h('p', {className: 'row'},
        h('button', {type: 'button', className: 'secondary open',
          onclick: () => send({type: 'contact_open', contact: c.id, ref: ref('contact')})}, 'Open'),
        h('button', {type: 'button', className: 'secondary',
          onclick: () => send({type: 'contact_unlink', session: active, ref: ref('contact')})}, 'Unlink'),
        h('button', {type: 'button', className: 'danger', onclick: () => {
          if (confirm('Remove ' + c.name + ' from the contacts?')) send({type: 'contact_remove', contact: c.id, ref: ref('contact')});
        }}, 'Remove')),
      sessionsOf.length ? h('div', {}, h('h3', {}, 'His sessions'), pastEl(sessionsOf)) : null));
  }

  $('contact-find').addEventListener('submit', e => {
    e.preventDefault();
    const query = $('contact-query').value.trim();
    if (query) send({type: 'contacts', query, ref: 'contacts'});
  });

  function renderFound(items) {
    if (!items.length) return fill($('contact-found'), h('p', {className: 'muted'}, 'No such contact.'));
    fill($('contact-found'), items.map(c => h('div', {className: 'list-item'}, h('b', {}, c.name), ' ',
      h('span', {className: 'muted'}, c.identities.map(i => i.value).join(', ')), ' ',
      h('button', {type: 'button', className: 'secondary', onclick: () => {
        send({type: 'contact_link', session: active, contact: c.id, ref: ref('contact')});
        fill($('contact-found'));
      }}, 'Link'))));
  }

  /** A contact as the server answered it: shown in every tab linked to him, with his sessions across channels. */
  function contactAnswer(f) {
    for (const s of sessions.values()) {
      if (s.contact && s.contact.id === f.contact.id) {
        s.contact = f.contact;
        s.contactSessions = f.sessions;
      }
    }
    renderSession();
  }

  // ---- redirect with the picker -------------------------------------------------------------

  function openPicker(mode) {
    picking = mode;
    $('redirect-title').textContent = mode === 'invite' ? 'Invite to help' : 'Redirect to';
    $('redirect-submit').textContent = mode === 'invite' ? 'Invite' : 'Redirect';
    document.querySelectorAll('#redirect .for-redirect').forEach(el => el.classList.toggle('hidden', mode === 'invite'));
    $('redirect').classList.remove('hidden');
    $('redirect-submit').disabled = true;
    fill($('picker'), h('p', {className: 'muted'}, 'Loading…'));
    send({type: 'picker', ref: 'picker'});
  }

  $('redirect-open').addEventListener('click', () => openPicker('redirect'));
  $('invite-open').addEventListener('click', () => openPicker('invite'));
  const leaving = new Map(); // ref of a leave -> the session left
  $('leave').addEventListener('click', () => {
    const r = ref('leave');
    leaving.set(r, active);
    send({type: 'leave', session: active, ref: r});
  });

  $('redirect-cancel').addEventListener('click', () => $('redirect').classList.add('hidden'));

  function renderPicker(groups) {
    const option = (value, label) => h('label', {className: 'picker-option'},
      h('input', {type: 'radio', name: 'target', value, onchange: () => { $('redirect-submit').disabled = false; }}), ' ', label);
    const helping = (sessions.get(active) || {view: {}}).view.collaborators || [];
    fill($('picker'), groups.map(g => h('div', {className: 'list-item picker-group', dataset: {group: g.group}},
      picking === 'invite' ? h('div', {}, g.group) : option('group:' + g.group, g.group + ' — ' + g.online + ' online, '
        + g.busy + ' busy, ' + g.away + ' away, ' + g.waiting + ' waiting'),
      g.operators.filter(o => o.operator !== me && !(picking === 'invite' && helping.includes(o.operator)))
        .map(o => h('div', {className: 'muted'},
        option('operator:' + o.operator, o.operator + ' — ' + o.presence.toLowerCase() + ', ' + o.sessions + ' in hand'))))));
  }

  $('redirect').addEventListener('submit', e => {
    e.preventDefault();
    const chosen = document.querySelector('input[name=target]:checked');
    if (!chosen || !active) return;
    const [kind, target] = chosen.value.split(':');
    if (picking === 'invite') {
      send({type: 'invite', session: active, operator: target, ref: ref('invite')});
      $('redirect').classList.add('hidden');
      return;
    }
    const frame = {type: 'redirect', session: active, [kind]: target, ref: ref('redirect')};
    if ($('redirect-note').value.trim()) frame.note = $('redirect-note').value.trim();
    send(frame);
    $('redirect-note').value = '';
    $('redirect').classList.add('hidden');
  });

  // ---- notifications while the tab is hidden ------------------------------------------------

  $('notify').checked = localStorage.getItem(NOTIFY) === 'on';
  $('notify').addEventListener('change', () => {
    localStorage.setItem(NOTIFY, $('notify').checked ? 'on' : 'off');
    if ($('notify').checked && 'Notification' in window && Notification.permission === 'default') {
      Notification.requestPermission();
    }
  });

  /** A short two-note chime, made on the spot: no sound file to fetch. */
  function chime() {
    try {
      const audio = new AudioContext();
      [660, 880].forEach((hz, i) => {
        const tone = audio.createOscillator();
        const gain = audio.createGain();
        tone.frequency.value = hz;
        gain.gain.setValueAtTime(0.15, audio.currentTime + i * 0.15);
        gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + i * 0.15 + 0.3);
        tone.connect(gain).connect(audio.destination);
        tone.start(audio.currentTime + i * 0.15);
        tone.stop(audio.currentTime + i * 0.15 + 0.3);
      });
      setTimeout(() => audio.close(), 1000);
    } catch (e) {
      // no audio here (a browser policy, no output device): the notification still shows
    }
  }

  /** Tells the operator of {@code session}'s news when he is looking elsewhere and asked to be told. */
  function notify(session, title, body) {
    if (!document.hidden || !$('notify').checked) return;
    chime();
    if ('Notification' in window && Notification.permission === 'granted') {
      const shown = new Notification(title, {body, tag: session});
      shown.onclick = () => {
        window.focus();
        if (sessions.has(session)) select(session);
        shown.close();
      };
    }
  }

  // ---- what the server pushes ---------------------------------------------------------------

  function update(f) {
    const s = sessions.get(f.session);
    if (!s) return;
    if (f.tag !== undefined) { if (f.on) s.tags.add(f.tag); else s.tags.delete(f.tag); }
    if (f.note !== undefined) s.notes.push({at: f.at, author: f.by, text: f.note});
    if (f.feedback) s.messages.push({from: 'system', text: 'Feedback: ' + f.feedback.rating + '/5 ' + (f.feedback.comment || '')});
    if (f.collaborator) {
      if (f.collaborator.operator === me && !f.collaborator.joined) { drop(f.session, 'You left the chat.'); return; }
      const others = (s.view.collaborators || []).filter(o => o !== f.collaborator.operator);
      s.view.collaborators = f.collaborator.joined ? others.concat(f.collaborator.operator) : others;
      s.messages.push({from: 'system', text: f.collaborator.operator + (f.collaborator.joined ? ' helps in this chat.' : ' left the chat.')});
    }
    if (f.parameter) s.view.entry.parameters = Object.assign({}, s.view.entry.parameters, {[f.parameter.name]: f.parameter.value});
    if (f.client) {
      const {field, value} = f.client;
      if (['name', 'email', 'phone'].includes(field)) s.view.entry[field] = value || undefined;
      else s.view.entry.parameters = Object.assign({}, s.view.entry.parameters, {[field]: value});
      if (f.by !== 'operator:' + me && f.session === active) formFor = null;
      renderTabs();
    }
    if (f.contact !== undefined) {
      s.contact = f.contact;
      s.contactSessions = [];
    }
    if (f.tag !== undefined && f.on && f.by === 'operator:' + me) send({type: 'tags', ref: 'tags'});
    if (f.session === active) renderSession();
  }

  // The console's add-ons (outreach.js) hear every frame and may send their own, as the operator.
  const addOns = [];
  Demo.console = {
    send: frame => send(frame),
    ref,
    listen: listener => addOns.push(listener),
    active: () => (active && sessions.get(active) ? {session: active, view: sessions.get(active).view} : null),
  };

  function onFrame(f) {
    for (const addOn of addOns) addOn(f);
    switch (f.type) {
      case 'welcome': welcome(f); break;
      case 'status': presence(f); break;
      case 'switched': {
        const box = document.querySelector('#switches input[data-channel="' + f.channel.toLowerCase().replace('_', '-') + '"]');
        if (box) box.checked = f.on;
        break;
      }
      case 'waiting': waiting = f.items; renderWaiting(); break;
      case 'offer':
        offers.set(f.session, f.preview);
        renderOffers();
        notify(f.session, 'New client: ' + nameOf(f.preview), channelOf(f.preview) + (f.preview.group ? ', ' + f.preview.group : ''));
        break;
      case 'offer_ended': offers.delete(f.session); renderOffers(); break;
      case 'accepted': {
        const view = offers.get(f.session) || waiting.find(v => v.session === f.session) || {session: f.session, entry: {}, notes: []};
        offers.delete(f.session);
        renderOffers();
        take(Object.assign({}, view, {state: 'ACTIVE'}));
        select(f.session);
        break;
      }
      case 'invited': {
        take({session: f.session, state: 'ACTIVE', entry: {}, notes: []}, true);
        toast(f.by + ' asks for your help.');
        break;
      }
      case 'preview':
        if (f.ref && f.ref.startsWith('fill:') && sessions.has(f.session)) {
          const s = sessions.get(f.session);
          s.view = Object.assign({}, f.preview, {state: s.state});
          s.messages = f.messages;
          s.notes = f.preview.notes || s.notes;
          s.contact = f.contact || null;
          renderTabs();
          if (f.session === active) renderSession();
        } else {
          showPreview(f);
        }
        break;
      case 'message': {
        const s = sessions.get(f.session);
        if (!s) break;
        s.messages.push(f);
        if (f.from === 'client') notify(f.session, nameOf(s.view), f.text || 'sent a file');
        if (f.session === active) { renderSession(); $('session-typing').textContent = ''; } else { s.unread = true; renderTabs(); }
        break;
      }
      case 'typing':
        if (f.session === active) {
          $('session-typing').textContent = 'the client is typing…';
          setTimeout(() => { $('session-typing').textContent = ''; }, 3000);
        }
        break;
      case 'updated': update(f); break;
      case 'released': drop(f.session, 'A session went to ' + (f.reason === 'REDIRECTED' ? 'a colleague.' : 'the queue.')); break;
      case 'ended': {
        const s = sessions.get(f.session);
        if (!s) break;
        if (f.state === 'WRAP_UP') {
          s.state = 'WRAP_UP';
          s.messages.push({from: 'system', text: 'The chat ended (' + f.reason.toLowerCase().replace('_', ' ') + '). Wrap it up.'});
          if (f.session === active) renderSession(); else { s.unread = true; renderTabs(); }
        } else {
          drop(f.session, 'A chat ended.');
        }
        break;
      }
      case 'ok':
        switching.delete(f.ref);
        if (sending.has(f.ref)) {
          const {session, text} = sending.get(f.ref);
          sending.delete(f.ref);
          if (sessions.has(session)) sessions.get(session).messages.push({from: 'operator', author: me, text, at: new Date().toISOString()});
          if (session === active) renderSession();
        }
        if (leaving.has(f.ref)) { drop(leaving.get(f.ref), 'You left the chat.'); leaving.delete(f.ref); }
        break;
      case 'wrapped': drop(f.session, f.timedOut ? 'Wrap-up time ran out.' : null); break;
      case 'picker': renderPicker(f.groups); break;
      case 'tags': suggestions(f); break;
      case 'settings': {
        const shown = $('presence').value;
        statusMenu(f.awayReasons);
        if ([...$('presence').options].some(o => o.value === shown)) $('presence').value = shown;
        suggestions({catalogue: f.catalogue, recent: recentTags});
        break;
      }
      case 'templates': renderTemplates(f.items); break;
      case 'starred': case 'template': case 'template_removed':
        if (f.type === 'template') toast('Saved as your template: ' + f.template.title);
        loadTemplates();
        break;
      case 'contact': contactAnswer(f); break;
      case 'contacts': renderFound(f.items); break;
      case 'contact_removed':
        for (const s of sessions.values()) if (s.contact && s.contact.id === f.contact) s.contact = null;
        toast('The contact was removed.');
        renderSession();
        break;
      case 'invitation': toast('Invitation code ' + f.code); break;
      case 'error':
        if (f.ref === 'login') {
          toast('Log-in refused: ' + f.message, 'error');
          sessionStorage.removeItem(STORED);
          socket.close();
          $('login').classList.remove('hidden');
        } else {
          toast(f.message, 'error');
          const box = switching.get(f.ref);
          if (box) box.checked = !box.checked;
        }
        switching.delete(f.ref);
        sending.delete(f.ref);
        break;
      default: break;
    }
  }

  setInterval(() => { if (me) { renderWaiting(); renderOffers(); } }, 15000);
  if (sessionStorage.getItem(STORED)) logIn(); // a reload logs in again on its own
})();
