// The chat widget: enter, wait in the queue, chat, leave, give feedback (and have the transcript
// e-mailed), or leave an offline message. It keeps the session's token in sessionStorage, so a
// reload resumes the chat, and it
// reconnects by itself (with back-off) when the connection drops or the server restarts: the
// server gives a client whose connection is gone a grace to come back before he counts as left.
'use strict';

(() => {
  const {h, fill, reconnecting, time, toast, fields, TENANT} = Demo;
  const $ = id => document.getElementById(id);
  const STORED = 'parley-demo-session';
  const panes = ['entry', 'chat', 'feedback', 'offline'];
  let socket;
  let lastTyping = 0;
  let typingTimer;
  let pendingText = null;

  function show(pane) {
    panes.forEach(p => $(p).classList.toggle('hidden', p !== pane));
  }

  function status(text) {
    $('chat-status').textContent = text;
  }

  function append(from, text, at, author) {
    const mine = from === 'client';
    const who = mine ? 'You' : from === 'operator' ? (author || 'Operator') : from === 'bot' ? (author || 'Bot') : '';
    const el = from === 'system'
      ? h('div', {className: 'msg system'}, text)
      : h('div', {className: 'msg' + (mine ? ' mine' : ''), dataset: {from}},
          h('span', {className: 'meta'}, who + ' · ' + time(at || new Date().toISOString())), text);
    $('chat-messages').append(el);
    $('chat-messages').scrollTop = $('chat-messages').scrollHeight;
  }

  function onFrame(f) {
    switch (f.type) {
      case 'entered':
        sessionStorage.setItem(STORED, JSON.stringify({session: f.session, token: f.token}));
        socket.ready();
        show('chat');
        status('Waiting for an operator…');
        if (pendingText) {
          sendMessage(pendingText);
          pendingText = null;
        }
        break;
      case 'resumed':
        socket.ready();
        show('chat');
        status(f.state === 'QUEUED' ? 'Waiting for an operator…' : 'Connected again.');
        break;
      case 'queue':
        status('You are number ' + f.position + ' in line' + (f.estimatedWaitSeconds === undefined ? '.'
          : '; about ' + Math.max(1, Math.round(f.estimatedWaitSeconds / 60)) + ' min to wait.'));
        break;
      case 'joined':
        status('You are chatting with ' + f.operator + '.');
        append('system', f.operator + ' joined the chat.');
        break;
      case 'message':
        append(f.from, f.text, f.at, f.author);
        $('chat-typing').textContent = '';
        break;
      case 'typing':
        $('chat-typing').textContent = 'typing…';
        clearTimeout(typingTimer);
        typingTimer = setTimeout(() => { $('chat-typing').textContent = ''; }, 3000);
        break;
      case 'transferred':
        status('You are being transferred to a colleague…');
        append('system', 'Transferred (' + f.reason.toLowerCase().replace('_', ' ') + ').');
        break;
      case 'ended':
        sessionStorage.removeItem(STORED);
        append('system', 'The chat ended.');
        if (f.reason === 'ABANDONED' || f.reason === 'CLIENT_LEFT') {
          show('entry');
        } else {
          show('feedback');
        }
        break;
      case 'refused':
        sessionStorage.removeItem(STORED);
        socket.ready();
        if (f.offlineForm) {
          $('offline-name').value = $('entry-name').value;
          $('offline-email').value = $('entry-email').value;
          $('offline-text').value = $('entry-message').value;
          show('offline');
        } else {
          show('entry');
          toast(f.reason === 'BLOCKED' ? 'Sorry, we cannot take your chat.' : 'Sorry, we cannot take your chat now ('
            + f.reason.toLowerCase().replace('_', ' ') + ').', 'error');
        }
        break;
      case 'error':
        if (f.ref === 'resume') {
          sessionStorage.removeItem(STORED);
          socket.ready();
          show('entry');
        } else {
          toast(f.message, 'error');
        }
        break;
      case 'ok':
        if (f.ref === 'feedback') {
          toast('Thank you for your feedback!');
          show('entry');
        } else if (f.ref === 'transcript') {
          toast('The transcript is on its way to ' + $('transcript-email').value + '.');
        } else if (f.ref === 'offline') {
          toast('Thank you, we will get back to you.');
          show('entry');
        }
        break;
      default:
        break;
    }
  }

  function sendMessage(text) {
    const id = 'w-' + Date.now() + '-' + Math.floor(Math.random() * 1e6);
    socket.send({type: 'message', id, text});
    append('client', text);
  }

  $('entry-channel').addEventListener('change', () => {
    const callback = $('entry-channel').value === 'callback';
    $('entry-phone-row').classList.toggle('hidden', !callback);
    $('entry-phone').required = callback;
  });

  $('entry').addEventListener('submit', e => {
    e.preventDefault();
    const f = fields($('entry'));
    fill($('chat-messages'));
    pendingText = f.message || null;
    const frame = {type: 'enter', tenant: TENANT, name: f.name, group: f.group, channel: f.channel,
      pageUrl: location.href, ref: 'enter'};
    if (f.email) frame.email = f.email;
    if (f.phone) frame.phone = f.phone;
    socket.send(frame);
  });

  $('chat-form').addEventListener('submit', e => {
    e.preventDefault();
    const text = $('chat-text').value.trim();
    if (!text) return;
    sendMessage(text);
    $('chat-text').value = '';
  });

  $('chat-text').addEventListener('input', () => {
    if (Date.now() - lastTyping > 2000) {
      lastTyping = Date.now();
      socket.send({type: 'typing'});
    }
  });

  $('chat-leave').addEventListener('click', () => socket.send({type: 'leave', ref: 'leave'}));

  for (let r = 1; r <= 5; r++) {
    $('feedback-stars').append(h('label', {}, h('input', {type: 'radio', name: 'rating', value: String(r),
      id: 'rating-' + r, required: r === 1}), '★'.repeat(r)));
  }

  $('feedback').addEventListener('submit', e => {
    e.preventDefault();
    const f = fields($('feedback'));
    const frame = {type: 'feedback', rating: Number(f.rating), ref: 'feedback'};
    if (f.comment) frame.comment = f.comment;
    socket.send(frame);
  });

  $('feedback-new').addEventListener('click', () => show('entry'));

  $('transcript-send').addEventListener('click', () => {
    const email = $('transcript-email').value.trim() || $('entry-email').value.trim();
    if (!email) { toast('Give your e-mail for the transcript.', 'error'); return; }
    $('transcript-email').value = email;
    socket.send({type: 'transcript', email, ref: 'transcript'});
  });

  $('offline').addEventListener('submit', e => {
    e.preventDefault();
    socket.send({type: 'offline', tenant: TENANT, fields: fields($('offline')), ref: 'offline'});
  });

  // Every connection resumes the stored chat, if any; without one the widget waits for the entry form.
  socket = reconnecting('/ws/client', {
    onOpen(ws) {
      const stored = JSON.parse(sessionStorage.getItem(STORED) || 'null');
      if (stored) {
        ws.hello({type: 'resume', session: stored.session, token: stored.token, ref: 'resume'});
      } else {
        ws.ready();
      }
    },
    onFrame,
    onStatus(text) {
      $('chat-connection').textContent = text || '';
      $('chat-connection').classList.toggle('hidden', !text);
    },
  });
})();
