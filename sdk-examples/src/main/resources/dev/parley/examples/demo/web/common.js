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

  /**
   * A WebSocket that comes back by itself: when the connection drops (the network, a laptop that
   * slept, a server restart) it reconnects after 1 s, then 2, 4 … up to 15 s, with jitter, until it
   * gets through or close() is called. onOpen(socket) runs on every connection, to log in or resume
   * again; frames sent while it is down, or before ready() says the server took the log-in, wait
   * and go out in order. onStatus(text or null) tells the page what to show: "reconnecting in 4 s…",
   * or null once it is back.
   */
  function reconnecting(path, {onOpen, onFrame, onStatus}) {
    let ws = null;
    let ready = false;
    let closed = false;
    let delay = 1000;
    const pending = [];
    const flush = () => { while (ready && ws && ws.readyState === WebSocket.OPEN && pending.length) ws.send(pending.shift()); };
    function open() {
      const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
      ws = new WebSocket(scheme + location.host + path);
      ready = false;
      ws.addEventListener('open', () => { onOpen(handle); });
      ws.addEventListener('message', e => onFrame(JSON.parse(e.data)));
      ws.addEventListener('close', () => {
        if (closed) return;
        const wait = Math.round(delay * (0.75 + Math.random() / 2));
        onStatus && onStatus('Connection lost; reconnecting in ' + Math.ceil(wait / 1000) + ' s…');
        setTimeout(open, wait);
        delay = Math.min(delay * 2, 15000);
      });
    }
    const handle = {
      /** Sends at once on the open connection, ahead of what waits: the log-in or resume frame. */
      hello(frame) { ws.send(JSON.stringify(frame)); },
      send(frame) { pending.push(JSON.stringify(frame)); flush(); },
      /** The server took the log-in or resume: what waited goes out, and the page shows it is back. */
      ready() { ready = true; delay = 1000; onStatus && onStatus(null); flush(); },
      close() { closed = true; if (ws) ws.close(1000); },
    };
    open();
    return handle;
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

  return {TENANT, h, fill, connect, reconnecting, time, since, toast, fields};
})();
