/**
 * The runtime shell behind {@link dev.parley.core.Parley}: partitions, their writer threads,
 * deadlines and event delivery. Internal: no compatibility promise; do not use from outside.
 */
@NullMarked
package dev.parley.core.internal;

import org.jspecify.annotations.NullMarked;
