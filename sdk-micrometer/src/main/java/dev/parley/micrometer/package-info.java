/**
 * Parley's live statistics as Micrometer meters: {@link dev.parley.micrometer.ParleyMetrics} binds
 * a tenant's figures to the registry the host gives.
 */
@NullMarked
package dev.parley.micrometer;

import org.jspecify.annotations.NullMarked;
