/**
 * Parley: an embeddable engine for contact-center sessions.
 *
 * <p>Start at {@link dev.parley.core.Parley}: one builder gives an engine that serves any number
 * of tenants, each on its own writer thread. The values here (identifiers, {@link
 * dev.parley.core.Entry entries}, {@link dev.parley.core.Command commands}) are what a host passes
 * in; {@link dev.parley.core.event.Event events} are what comes out.
 */
@NullMarked
package dev.parley.core;

import org.jspecify.annotations.NullMarked;
