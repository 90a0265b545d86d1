// The console's outreach and transcripts: "contact client" again on an ended session of a
// messaging network (within WhatsApp's 24 hours as it is, after them with a template), "+" to
// start a WhatsApp conversation by template or to place a phone call, and the transcript by
// e-mail when the operator ends a chat. Each new session is the operator's at once: it comes as
// an offer already accepted, and the console opens its tab.
'use strict';

(() => {
  const {h, fill, toast} = Demo;
  const $ = id => document.getElementById(id);
  const MESSAGING = new Set(['WHATSAPP', 'MESSENGER', 'VKONTAKTE', 'APPLE_MESSAGES']);
  const seen = new Map();   // session id -> its entry, as offers and previews told it
  const recent = new Map(); // ended sessions of messaging networks, newest last: id -> name
  const console_ = Demo.console;

  const template = () => {
    const name = $('reach-template-name').value.trim();
    return name ? {name, language: $('reach-template-language').value.trim() || 'en_US', parameters: []} : null;
  };

  function renderRecent() {
    fill($('reach-recent'), [...recent.entries()].reverse().slice(0, 5).map(([session, name]) =>
      h('div', {className: 'row recent', dataset: {session}}, h('span', {}, name),
        h('button', {type: 'button', className: 'secondary contact', onclick: () => contact(session)}, 'Contact again'))));
  }

  function contact(session) {
    const frame = {type: 'contact', session, ref: console_.ref('contact')};
    const t = template();
    if (t) frame.template = t;
    console_.send(frame);
  }

  $('reach-channel').addEventListener('change', () =>
    $('reach-template').classList.toggle('hidden', $('reach-channel').value === 'phone'));

  $('reach-form').addEventListener('submit', e => {
    e.preventDefault();
    const to = $('reach-to').value.trim();
    if (!to) return;
    const frame = {type: 'outreach', channel: $('reach-channel').value, to, ref: console_.ref('outreach')};
    if (frame.channel !== 'phone') {
      const t = template();
      if (!t) { toast('A new WhatsApp conversation starts with a template: name one.', 'error'); return; }
      frame.template = t;
    }
    console_.send(frame);
  });

  // The e-mail a transcript goes to: what the client gave, kept in the field until the operator changes it.
  let shownFor = null;
  function fillTranscriptTo() {
    const current = console_.active();
    const id = current ? current.session : null;
    if (id !== shownFor) { // another chat in front: its own client's address
      shownFor = id;
      delete $('transcript-to').dataset.edited;
      $('transcript-to').value = '';
      $('end-transcript').checked = false;
    }
    const entry = (current && current.view && current.view.entry) || {};
    const email = entry.email || (entry.parameters || {})['client.email'] || '';
    if (email && !$('transcript-to').dataset.edited) $('transcript-to').value = email;
  }
  $('transcript-to').addEventListener('input', () => { $('transcript-to').dataset.edited = 'yes'; });

  // console.js sends the end on the same click; this goes right after it.
  $('end').addEventListener('click', () => {
    const current = console_.active();
    if (!current || !$('end-transcript').checked) return;
    const to = $('transcript-to').value.trim();
    if (!to) { toast('Give the client\'s e-mail to send the transcript to.', 'error'); return; }
    console_.send({type: 'transcript', session: current.session, email: to, ref: console_.ref('transcript')});
  });

  console_.listen(f => {
    if (f.type === 'offer') seen.set(f.session, f.preview.entry || {});
    if (f.type === 'preview' && f.preview) seen.set(f.session, f.preview.entry || {});
    if (f.type === 'wrapped' || (f.type === 'ended' && f.state === 'ENDED')) {
      const entry = seen.get(f.session);
      if (entry && MESSAGING.has(entry.channel)) {
        recent.delete(f.session);
        recent.set(f.session, (entry.name || entry.client) + ' · ' + entry.channel.toLowerCase().replace('_', ' '));
        renderRecent();
      }
    }
    if (f.type === 'contacted') toast('The client is yours: write to him.');
    if (f.type === 'ok' && f.ref && f.ref.startsWith('transcript')) toast('The transcript goes to ' + $('transcript-to').value + '.');
    setTimeout(fillTranscriptTo, 0); // once console.js has applied the frame
  });
})();
