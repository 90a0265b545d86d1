/**
 * What the engine tells the host: one {@link dev.parley.core.event.Event} record per kind of
 * change, and the {@link dev.parley.core.event.EventListener} that receives them.
 */
@NullMarked
package dev.parley.core.event;

import org.jspecify.annotations.NullMarked;
