/**
 * The deterministic routing core: {@link dev.parley.core.routing.RoutingCore} holds one tenant's
 * operators, groups, waiting sessions, offers and deadlines, takes a command and an instant, and
 * returns events. The views here ({@link dev.parley.core.routing.Explanation}, {@link
 * dev.parley.core.routing.SessionView}, {@link
 * dev.parley.core.routing.TenantSnapshot}, {@link dev.parley.core.routing.GroupCounts}) are what
 * it answers to reads.
 */
@NullMarked
package dev.parley.core.routing;

import org.jspecify.annotations.NullMarked;
