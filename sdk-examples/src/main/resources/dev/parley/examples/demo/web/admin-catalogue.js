// The admin page's catalogue and delivery: chatbots, the tag catalogue, templates (starred per
// operator), hero cards, webhook subscriptions with their status, dead letters and replay, and
// the history's retention with its purge. Each piece is a form of admin-config.js's kind: read
// with its ETag, saved with If-Match, a refusal shown beside its field.
'use strict';

(() => {
  const {h, fill, toast} = Demo;
  const $ = id => document.getElementById(id);
  const DURATION = 'text';

  /**
   * A list of pieces under {@code path}: a button per piece opening its form, and an id field with
   * "Add" for a new one; the list is read again once a form is saved. {@code extra(item)} adds
   * what a row shows beside its button.
   */
  async function catalogue(container, noun, path, specs, maps, extra) {
    const {call, pieceForm} = Demo.admin;
    const rows = h('ul', {className: 'past'});
    const holder = h('div');
    const render = async () => {
      const {json} = await call('GET', path);
      fill(rows, json.items.map(item => h('li', {className: 'row'},
        h('button', {type: 'button', className: 'secondary', onclick: () => open(item.id)}, item.id),
        extra ? extra(item) : null)));
    };
    const open = id => pieceForm(holder, noun + ' ' + id, path + '/' + encodeURIComponent(id), specs,
      Object.assign({}, maps, {saved: () => render().catch(e => toast(e.message, 'error'))}));
    const name = h('input', {id: 'new-' + container.id, placeholder: 'new ' + noun.toLowerCase() + ' id',
      'aria-label': 'new ' + noun.toLowerCase() + ' id'});
    fill(container, rows, h('div', {className: 'row'}, name, h('button', {type: 'button', id: 'add-' + container.id,
      onclick: () => name.value.trim() && open(name.value.trim())}, 'Add')), holder);
    await render();
    return render;
  }

  // "label=target, …": a target that is an http(s) URL makes a link, anything else a postback.
  const buttonsFrom = list => (list || []).map(item => {
    const [title, target = ''] = item.split('=').map(v => v.trim());
    return /^https?:\/\//.test(target) ? {title, url: target} : {title, payload: target};
  });
  const buttonsTo = buttons => (buttons || []).map(b => b.title + '=' + (b.url || b.payload));

  async function chatbots() {
    await catalogue($('cat-chatbots'), 'Chatbot', '/chatbots', [['endpoint', 'endpoint (https://…)', 'text'],
      ['secret', 'secret (kept when left empty)', 'text'], ['replyTimeout', 'reply time-out', DURATION]]);
  }

  async function tags() {
    await Demo.admin.pieceForm($('cat-tags'), 'Tag catalogue', '/tags', [['tags', 'name=#rrggbb, … (comma-separated)', 'list']], {
      fromBody: b => ({tags: (b.tags || []).map(t => t.name + '=' + t.colour)}),
      toBody: f => ({tags: (f.tags || []).map(t => {
        const [name, colour = ''] = t.split('=').map(v => v.trim());
        return {name, colour};
      })})});
  }

  async function templates() {
    const {call} = Demo.admin;
    const operator = h('input', {id: 'star-operator', placeholder: 'operator', 'aria-label': 'operator who stars'});
    let starred = new Set();
    let render = async () => {};
    const showStars = async () => {
      const who = operator.value.trim();
      starred = new Set(who ? (await call('GET', '/operators/' + encodeURIComponent(who) + '/starred-templates')).json.items
        .map(t => t.id) : []);
      await render();
    };
    operator.addEventListener('change', () => showStars().catch(e => toast(e.message, 'error')));
    const list = () => catalogue($('cat-templates-list'), 'Template', '/templates',
      [['title', 'title', 'text'], ['text', 'text', 'text'], ['language', 'language', 'text']], null,
      t => {
        const on = starred.has(t.id);
        return [h('span', {className: 'muted'}, t.title), operator.value.trim() ? h('button', {type: 'button',
          className: on ? '' : 'secondary', title: on ? 'unstar' : 'star',
          onclick: async () => {
            try {
              await call(on ? 'DELETE' : 'PUT', '/operators/' + encodeURIComponent(operator.value.trim())
                + '/starred-templates/' + encodeURIComponent(t.id), on ? undefined : {});
              await showStars();
            } catch (e) {
              toast(e.message, 'error');
            }
          }}, on ? '★' : '☆') : null];
      });
    fill($('cat-templates'), h('div', {className: 'row'}, h('span', {className: 'muted'}, 'stars of'), operator),
      h('div', {id: 'cat-templates-list'}));
    render = await list();
  }

  async function heroCards() {
    await catalogue($('cat-cards'), 'Hero card', '/hero-cards', [['title', 'title', 'text'], ['subtitle', 'subtitle', 'text'],
      ['imageUrl', 'image URL', 'text'], ['buttons', 'buttons: label=URL or payload, … (at most 3)', 'list']], {
      fromBody: b => Object.assign({}, b, {buttons: buttonsTo(b.buttons)}),
      toBody: f => Object.assign({}, f, {buttons: buttonsFrom(f.buttons)})});
  }

  async function webhooks() {
    const {call} = Demo.admin;
    const detail = h('div', {id: 'webhook-detail'});
    const show = async id => {
      const path = '/webhooks/' + encodeURIComponent(id);
      const [status, letters] = await Promise.all([call('GET', path + '/status'), call('GET', path + '/dead-letters')]);
      const s = status.json;
      const from = h('input', {name: 'from', 'aria-label': 'replay from', value: new Date(Date.now() - 3600e3).toISOString()});
      const replay = h('form', {className: 'row', id: 'webhook-replay'}, h('span', {className: 'muted'}, 'replay from'), from,
        h('button', {type: 'submit', className: 'secondary'}, 'Replay'));
      replay.addEventListener('submit', async e => {
        e.preventDefault();
        try {
          await call('POST', path + '/replay', {from: from.value.trim()});
          toast('Replaying ' + id + ' from ' + from.value.trim());
        } catch (err) {
          toast(err.message, 'error');
        }
      });
      fill(detail, h('h3', {}, 'Delivery of ' + id),
        h('dl', {className: 'facts', id: 'webhook-status'},
          [['delivered', s.delivered], ['failed attempts', s.failedAttempts], ['dead letters', s.deadLettered],
            ['in flight', s.inFlight ? 'yes' : 'no'], ['failing since', s.failingSince || '—'], ['last error', s.lastError || '—']]
            .map(([k, v]) => [h('dt', {}, k), h('dd', {dataset: {fact: k}}, String(v))])),
        h('table', {}, h('tbody', {id: 'dead-letters'}, letters.json.items.map(d => h('tr', {},
          h('td', {}, d.type), h('td', {}, d.session || ''), h('td', {}, Demo.time(d.at)), h('td', {}, d.lastError))))),
        replay);
    };
    await catalogue($('cat-webhooks'), 'Webhook', '/webhooks', [['url', 'URL (https://…)', 'text'],
      ['types', 'event types (comma-separated; empty: all)', 'list'], ['secret', 'secret, 16+ characters (kept when empty)', 'text']],
      null, item => h('button', {type: 'button', className: 'secondary', dataset: {status: item.id},
        onclick: () => show(item.id).catch(e => toast(e.message, 'error'))}, 'status'));
    $('cat-webhooks').append(detail);
  }

  async function retention() {
    const {call, pieceForm} = Demo.admin;
    await pieceForm($('cat-retention'), 'History retention', '/retention',
      [['history', 'kept for (P90D; empty: the engine\'s)', DURATION]]);
    const before = h('input', {name: 'before', 'aria-label': 'purge before', placeholder: 'before (ISO instant)'});
    const answer = h('p', {className: 'muted', id: 'purge-answer'});
    const form = h('form', {className: 'row', id: 'purge'}, before, h('button', {type: 'submit', className: 'danger'}, 'Purge now'));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      try {
        const {json} = await call('POST', '/history/purge', {before: before.value.trim()});
        answer.textContent = 'Purged ' + json.sessions + ' sessions, ' + json.invitations + ' invitations and '
          + json.outboxRecords + ' outbox records.';
      } catch (err) {
        answer.textContent = err.message;
      }
    });
    $('cat-retention').append(form, answer);
  }

  document.addEventListener('parley-admin-ready', async () => {
    try {
      await Promise.all([chatbots(), tags(), templates(), heroCards(), webhooks(), retention()]);
    } catch (e) {
      toast(e.message, 'error');
    }
  });
})();
