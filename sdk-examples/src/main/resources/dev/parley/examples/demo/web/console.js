// The operator console: log in, set a status, switch channels, see offers and the waiting list
// with previews, accept, chat, tag, note, redirect with the picker's counts, invite a colleague to
// help (and, invited, help and leave), end and wrap up. It
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
    presence(f.status);
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

  function presence(status) {
    const p = status.presence.toLowerCase();
    const away = 'away:' + (status.reason || 'break');
    const known = [...$('presence').options].some(o => o.value === away);
    $('presence').value = p !== 'away' ? p : known ? away : 'away:break';
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
    fill($('tags'), [...s.tags].map(t => h('span', {className: 'pill'}, t, ' ',
      h('a', {href: '#', onclick: ev => { ev.preventDefault(); send({type: 'tag', session: active, tag: t, on: false, ref: ref('tag')}); }}, '×'))));
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
        if (leaving.has(f.ref)) { drop(leaving.get(f.ref), 'You left the chat.'); leaving.delete(f.ref); }
        break;
      case 'wrapped': drop(f.session, f.timedOut ? 'Wrap-up time ran out.' : null); break;
      case 'picker': renderPicker(f.groups); break;
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
        break;
      default: break;
    }
  }

  setInterval(() => { if (me) { renderWaiting(); renderOffers(); } }, 15000);
  if (sessionStorage.getItem(STORED)) logIn(); // a reload logs in again on its own
})();
