/**
 * Live statistics and wait estimates: {@link dev.parley.core.stats.LiveStatistics} keeps, per
 * tenant, group and operator, the figures of a contact center's wallboard (waiting now, longest
 * wait, online / busy / away, service level, abandonment, handle and wrap-up time) up to date from
 * the engine's events, and tells each waiting client his place and expected wait, checking every
 * estimate against the wait that followed. Read them through {@link
 * dev.parley.core.Parley#statistics} and {@link dev.parley.core.Parley#estimate}.
 */
@NullMarked
package dev.parley.core.stats;

import org.jspecify.annotations.NullMarked;
