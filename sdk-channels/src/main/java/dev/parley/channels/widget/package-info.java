/**
 * The channels whose client is on the tenant's own web page or app: web chat, video call (with or
 * without an invitation code) and callback requests. The transport (or the host) carries the
 * widget's events to {@link dev.parley.channels.widget.WidgetAdapter} and its outbound messages
 * back to the browser.
 */
@NullMarked
package dev.parley.channels.widget;

import org.jspecify.annotations.NullMarked;
