// Helpers the demo pages share: building elements without HTML strings (nothing a client or an
// operator typed is ever parsed as markup), the WebSocket to the server, and time formatting.
'use strict';

const Demo = (() => {
  const TENANT = 'demo';

  /** An element with attributes (on* names become listeners) and children (strings become text). */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
      else if (name === 'className') el.className = value;
      else if (name === 'dataset') Object.assign(el.dataset, value);
      else el.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children.flat(Infinity)) {
      if (child === undefined || child === null || child === false) continue;
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
  }

  /** Empties an element and fills it with children. */
  function fill(el, ...children) {
    el.replaceChildren();
    for (const child of children.flat(Infinity)) if (child) el.append(child);
    return el;
  }

  /**
   * A WebSocket to one of the server's endpoints, speaking JSON frames. Frames sent before it
   * opens wait; onFrame gets each frame the server pushes, onClose the close code.
   */
  function connect(path, onFrame, onClose) {
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    const ws = new WebSocket(scheme + location.host + path);
    const pending = [];
    ws.addEventListener('open', () => pending.splice(0).forEach(f => ws.send(f)));
    ws.addEventListener('message', e => onFrame(JSON.parse(e.data)));
    ws.addEventListener('close', e => onClose && onClose(e.code));
    return {
      send(frame) {
        const text = JSON.stringify(frame);
        if (ws.readyState === WebSocket.OPEN) ws.send(text); else pending.push(text);
      },
      close() { ws.close(); },
    };
  }

  /** HH:MM of an ISO instant, in the browser's time zone. */
  function time(iso) {
    return iso ? new Date(iso).toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'}) : '';
  }

  /** How long ago an ISO instant was: "42 s", "3 min", "2 h". */
  function since(iso) {
    const s = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 1000));
    return s < 60 ? s + ' s' : s < 3600 ? Math.floor(s / 60) + ' min' : Math.floor(s / 3600) + ' h';
  }

  /** Shows a short message at the top of the page for a few seconds. */
  function toast(text, kind) {
    const el = h('div', {className: 'toast ' + (kind || 'info'), role: 'status'}, text);
    document.body.append(el);
    setTimeout(() => el.remove(), 5000);
  }

  /** The form's named fields with a non-blank value. */
  function fields(form) {
    const out = {};
    for (const [name, value] of new FormData(form)) {
      if (typeof value === 'string' && value.trim() !== '') out[name] = value.trim();
    }
    return out;
  }

  return {TENANT, h, fill, connect, time, since, toast, fields};
})();
