// The admin page's configuration: one form per piece of configuration (settings, away reasons,
// tags, routing rules with a dry run, a group, an operator), each read with its ETag and saved
// with If-Match, errors shown beside the field the API names; and an administrator's acts:
// an operator's status and channel switches, ending or banning a session, erasing a client.
'use strict';

(() => {
  const {h, fill, toast, TENANT} = Demo;
  const $ = id => document.getElementById(id);
  const API = '/api/v1/tenants/' + TENANT;
  const token = () => sessionStorage.getItem('parley-demo-admin');

  /** A call of the admin API; a refusal throws an Error carrying the API's error (type, field). */
  async function call(method, path, body, etag) {
    const headers = {Authorization: 'Bearer ' + token(), 'Content-Type': 'application/json'};
    if (etag) headers['If-Match'] = etag;
    const response = await fetch(API + path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
    const json = response.status === 204 ? {} : await response.json().catch(() => ({}));
    if (!response.ok) {
      const e = new Error((json.error && json.error.message) || ('HTTP ' + response.status));
      e.api = json.error || {};
      throw e;
    }
    return {json, etag: response.headers.get('ETag')};
  }

  // A field: [name, label, kind] with kind 'text', 'bool', 'int', 'list' (comma-separated) or an array of choices.
  function input(name, kind, value) {
    if (kind === 'bool') return h('input', {type: 'checkbox', name, checked: !!value});
    if (Array.isArray(kind)) {
      return h('select', {name}, h('option', {value: ''}, '(default)'),
        kind.map(c => h('option', {value: c, selected: c === value}, c)));
    }
    return h('input', {name, value: value === undefined ? '' : (kind === 'list' ? value.join(', ') : String(value))});
  }

  function read(form, specs) {
    const out = {};
    for (const [name, , kind] of specs) {
      const el = form.elements[name];
      if (kind === 'bool') out[name] = el.checked;
      else if (el.value.trim() === '') continue;
      else if (kind === 'int') out[name] = Number(el.value);
      else if (kind === 'list') out[name] = el.value.split(',').map(v => v.trim()).filter(Boolean);
      else out[name] = el.value.trim();
    }
    return out;
  }

  /**
   * A form for one piece at {@code path}: loads it with its ETag, saves it whole with If-Match, and
   * shows a refusal beside its field. {@code toBody}/{@code fromBody} map nested shapes; {@code
   * saved(piece)} hears each save.
   */
  async function pieceForm(container, title, path, specs, maps) {
    const {toBody = b => b, fromBody = b => b, saved: onSaved = () => {}} = maps || {};
    let loaded;
    try {
      loaded = await call('GET', path);
    } catch (e) {
      loaded = {json: {}, etag: null}; // a new piece
    }
    const values = fromBody(loaded.json);
    let etag = loaded.etag;
    const errors = {};
    const form = h('form', {className: 'piece', dataset: {path}},
      h('h3', {}, title),
      specs.map(([name, label, kind]) => {
        errors[name] = h('span', {className: 'field-error', dataset: {field: name}});
        return h('label', {className: 'row'}, h('span', {className: 'muted'}, label), input(name, kind, values[name]), errors[name]);
      }),
      h('p', {}, h('button', {type: 'submit'}, 'Save'), h('span', {className: 'muted etag'}, etag ? ' ETag ' + etag : ' new')));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      Object.values(errors).forEach(el => { el.textContent = ''; });
      try {
        const saved = await call('PUT', path, toBody(read(form, specs)), etag);
        etag = saved.etag;
        form.querySelector('.etag').textContent = ' ETag ' + etag;
        toast(title + ' saved');
        onSaved(saved.json);
      } catch (err) {
        const field = (err.api.field || '').split(/[.[]/)[0];
        if (errors[field]) errors[field].textContent = err.message;
        else toast(err.message, 'error');
        if (err.api.type === 'PreconditionFailed') toast('Someone changed it meanwhile: reload the page', 'error');
      }
    });
    fill(container, form);
    return form;
  }

  const DURATION = 'text';
  const SETTINGS = [['defaultGroup', 'default group', 'text'], ['switchesLocked', 'switches locked', 'bool'],
    ['operatorsMayBlock', 'operators may block', 'bool'], ['invitationValidity', 'invitation validity', DURATION],
    ['endedRetention', 'ended retention', DURATION], ['clientGrace', 'client grace', DURATION],
    ['operatorGrace', 'operator grace', DURATION], ['gonePresence', 'gone operator becomes', ['AWAY', 'OFFLINE']],
    ['goneReason', 'with the reason', 'text'], ['sessionsWaitForGoneOperator', 'sessions wait for him', DURATION]];
  const GROUP = [['strategy', 'strategy', ['BY_UTILIZATION', 'LONGEST_IDLE', 'ROUND_ROBIN', 'FIXED_ORDER', 'WHOLE_GROUP']],
    ['offerTimeout', 'offer time-out', DURATION], ['autoAccept', 'auto-accept', 'bool'], ['wrapUpLimit', 'wrap-up limit', DURATION],
    ['maxQueueLength', 'queue limit', 'int'], ['priority', 'priority', 'int'], ['escalateAfter', 'escalate after', DURATION],
    ['escalateTo', 'escalate to', 'text'], ['chatbot', 'chatbot', 'text'], ['clientGrace', 'client grace', DURATION],
    ['reassignUnanswered', 're-route unanswered after', DURATION]];
  const OPERATOR = [['groups', 'groups (comma-separated)', 'list'], ['webChat', 'web-chat capacity', 'int'],
    ['videoCall', 'video-call capacity', 'int'], ['phoneLine', 'phone line', 'bool']];

  async function settings() {
    await pieceForm($('cfg-settings'), 'Tenant settings', '/settings', SETTINGS, {
      fromBody: b => Object.assign({}, b, {gonePresence: (b.goneOperatorStatus || {}).presence, goneReason: (b.goneOperatorStatus || {}).reason}),
      toBody: f => {
        const body = Object.assign({}, f);
        delete body.gonePresence; delete body.goneReason;
        if (f.gonePresence) body.goneOperatorStatus = {presence: f.gonePresence, reason: f.goneReason};
        return body;
      }});
    await pieceForm($('cfg-away'), 'Away reasons', '/away-reasons', [['awayReasons', 'reasons (comma-separated)', 'list']]);
  }

  async function rules() {
    const {json, etag} = await call('GET', '/routing-rules');
    const text = h('textarea', {id: 'rules-json', rows: 6, 'aria-label': 'routing rules as JSON'}, JSON.stringify(json.rules, null, 1));
    const error = h('span', {className: 'field-error', dataset: {field: 'rules'}});
    let current = etag;
    const save = h('button', {type: 'button', onclick: async () => {
      error.textContent = '';
      try {
        current = (await call('PUT', '/routing-rules', {rules: JSON.parse(text.value)}, current)).etag;
        toast('Routing rules saved');
      } catch (e) {
        error.textContent = (e.api && e.api.field ? e.api.field + ': ' : '') + e.message;
      }
    }}, 'Save rules');
    const entry = h('form', {id: 'dry-run', className: 'row'},
      h('input', {name: 'channel', placeholder: 'channel (web-chat)'}), h('input', {name: 'language', placeholder: 'language'}),
      h('input', {name: 'widget', placeholder: 'widget'}), h('input', {name: 'pageUrl', placeholder: 'page URL'}),
      h('button', {type: 'submit', className: 'secondary'}, 'Where would it go?'));
    const answer = h('pre', {id: 'dry-run-answer', className: 'explain'});
    entry.addEventListener('submit', async e => {
      e.preventDefault();
      try {
        const {json: d} = await call('POST', '/routing-rules/dry-run', {entry: Demo.fields(entry)});
        answer.textContent = (d.group || 'refused') + ' — ' + d.why;
      } catch (err) {
        answer.textContent = err.message;
      }
    });
    fill($('cfg-rules'), h('h3', {}, 'Routing rules, tried in order'), text, h('p', {}, save, error), entry, answer);
  }

  async function groups() {
    const {json} = await call('GET', '/groups');
    const name = h('input', {id: 'new-group', placeholder: 'new group id', 'aria-label': 'new group id'});
    const holder = h('div');
    fill($('cfg-groups'), h('div', {className: 'row'}, json.items.map(g => h('button', {type: 'button', className: 'secondary',
      onclick: () => pieceForm(holder, 'Group ' + g.id, '/groups/' + encodeURIComponent(g.id), GROUP)}, g.id)),
      name, h('button', {type: 'button', id: 'add-group', onclick: () => name.value.trim() &&
        pieceForm(holder, 'Group ' + name.value.trim(), '/groups/' + encodeURIComponent(name.value.trim()), GROUP)}, 'Add')), holder);
  }

  async function operators() {
    const {json} = await call('GET', '/operators');
    const name = h('input', {id: 'new-operator', placeholder: 'new operator id', 'aria-label': 'new operator id'});
    const holder = h('div');
    const open = id => pieceForm(holder, 'Operator ' + id, '/operators/' + encodeURIComponent(id), OPERATOR, {
      fromBody: b => ({groups: Object.keys(b.groups || {}), webChat: (b.capacities || {}).WEB_CHAT,
        videoCall: (b.capacities || {}).VIDEO_CALL, phoneLine: b.phoneLine}),
      toBody: f => {
        const capacities = {};
        if (f.webChat !== undefined) capacities.WEB_CHAT = f.webChat;
        if (f.videoCall !== undefined) capacities.VIDEO_CALL = f.videoCall;
        return {groups: Object.fromEntries((f.groups || []).map(g => [g, 0])), capacities, phoneLine: f.phoneLine};
      }});
    const act = async (method, path, body) => {
      try {
        await call(method, path, body);
        operators();
      } catch (e) {
        toast(e.message, 'error');
      }
    };
    fill($('cfg-operators'), h('table', {}, h('tbody', {}, json.items.map(o => h('tr', {},
      h('td', {}, h('a', {href: '#', onclick: e => { e.preventDefault(); open(o.id); }}, o.id)), h('td', {}, o.presence || ''),
      h('td', {}, ['ONLINE', 'AWAY', 'OFFLINE'].map(p => h('button', {type: 'button', className: 'secondary',
        onclick: () => act('PUT', '/operators/' + encodeURIComponent(o.id) + '/status', {presence: p})}, p.toLowerCase()))),
      h('td', {}, Object.keys(o.capacities || {}).map(c => {
        const off = (o.switchedOff || []).includes(c);
        return h('button', {type: 'button', className: off ? 'secondary' : '', title: 'switch ' + c + (off ? ' on' : ' off'),
          onclick: () => act('PUT', '/operators/' + encodeURIComponent(o.id) + '/channels/' + c, {on: off})}, c + (off ? ' off' : ' on'));
      })))))), h('div', {className: 'row'}, name, h('button', {type: 'button', id: 'add-operator',
      onclick: () => name.value.trim() && open(name.value.trim())}, 'Add')), holder);
  }

  function erasure() {
    const form = h('form', {id: 'erase', className: 'row'}, h('input', {name: 'client', placeholder: 'client id, phone or e-mail',
      'aria-label': 'client to erase'}), h('button', {type: 'submit'}, 'Erase his personal data'));
    const answer = h('p', {id: 'erase-answer', className: 'muted'});
    form.addEventListener('submit', async e => {
      e.preventDefault();
      try {
        const {json} = await call('POST', '/erasures', Demo.fields(form));
        answer.textContent = 'Erased ' + json.sessions.length + ' sessions (' + json.sessions.join(', ') + ') and '
          + json.contacts.length + ' contacts.';
      } catch (err) {
        answer.textContent = err.message;
      }
    });
    fill($('cfg-erase'), form, answer);
  }

  /** The session detail's acts: end, ban. Called by admin.js with the session shown. */
  Demo.sessionActs = session => {
    const reason = h('input', {placeholder: 'reason', 'aria-label': 'ban reason'});
    const act = async (path, body) => {
      try {
        await call('POST', '/sessions/' + encodeURIComponent(session.id) + path, body);
        toast('Done');
      } catch (e) {
        toast(e.message, 'error');
      }
    };
    return h('div', {className: 'row'},
      h('button', {type: 'button', id: 'end-session', onclick: () => act('/end', {})}, 'End'),
      reason, h('button', {type: 'button', id: 'ban-client', className: 'secondary', onclick: () => act('/ban', {reason: reason.value})}, 'Ban the client'),
      (session.recordings || []).map(r => h('a', {href: r.uri, className: 'pill'}, 'recording ' + r.length)),
      recordingForm(session));
  };

  /** A host's recording attached to the session: where it is, when it started, how long it is. */
  function recordingForm(session) {
    const form = h('form', {id: 'attach-recording', className: 'row'},
      h('input', {name: 'uri', placeholder: 'recording URI (https://…)', 'aria-label': 'recording URI'}),
      h('input', {name: 'startedAt', placeholder: 'started at (ISO instant)', 'aria-label': 'recording start',
        value: new Date().toISOString().replace(/\.\d+Z$/, 'Z')}),
      h('input', {name: 'length', placeholder: 'length (PT4M12S)', 'aria-label': 'recording length'}),
      h('button', {type: 'submit', className: 'secondary'}, 'Attach recording'));
    const error = h('span', {className: 'field-error', id: 'recording-error'});
    form.addEventListener('submit', async e => {
      e.preventDefault();
      error.textContent = '';
      try {
        const {json} = await call('POST', '/sessions/' + encodeURIComponent(session.id) + '/recordings', Demo.fields(form));
        toast('Recording attached: ' + json.recordings.length + ' in all');
      } catch (err) {
        error.textContent = (err.api.field ? err.api.field + ': ' : '') + err.message;
      }
    });
    return h('div', {}, form, error);
  }

  // The other admin scripts (admin-catalogue.js) build their forms with these.
  Demo.admin = {call, pieceForm};

  document.addEventListener('parley-admin-ready', async () => {
    try {
      await Promise.all([settings(), rules(), groups(), operators()]);
      erasure();
    } catch (e) {
      toast(e.message, 'error');
    }
  });
})();
