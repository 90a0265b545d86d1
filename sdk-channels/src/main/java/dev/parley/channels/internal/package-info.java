/**
 * What the adapters share inside: de-duplication and the blacklist gate, signatures, JSON reading,
 * the retrying HTTP sender and its token bucket. Public only because the vendor packages need it;
 * it carries no compatibility promise.
 */
@NullMarked
package dev.parley.channels.internal;

import org.jspecify.annotations.NullMarked;
