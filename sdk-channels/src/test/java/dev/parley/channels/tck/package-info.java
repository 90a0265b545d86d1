/**
 * The channel adapter TCK: abstract JUnit 5 contract tests every {@link
 * dev.parley.core.channel.ChannelAdapter} must pass.
 *
 * <p>It ships in the {@code parley-channels} test jar ({@code <type>test-jar</type>}). Extend
 * {@link dev.parley.channels.tck.ChannelAdapterTck}, build the adapter from the kit's {@link
 * dev.parley.channels.tck.AdapterContext} and say how the vendor would deliver the kit's items:
 *
 * <pre>{@code
 * class MyAdapterTest extends ChannelAdapterTck {
 *   protected ChannelAdapter createAdapter(AdapterContext c) {
 *     return MyAdapter.builder(SECRET).clock(c.clock()).blocked(c.blocked())
 *         .deduplicationWindow(c.deduplicationWindow()).baseUrl(c.baseUrl()).retryPolicy(c.retryPolicy()).build();
 *   }
 *   protected InboundRequest deliver(List<Item> items) { ... signed like the vendor ... }
 *   protected InboundRequest signed(byte[] body) { ... }
 * }
 * }</pre>
 *
 * <p>The adapter's {@link dev.parley.core.channel.ChannelCapabilities} are the kit's feature flags:
 * signature and handshake tests run only for adapters that claim them. Time is a {@link
 * dev.parley.core.ManualClock}; outbound calls go to a real HTTP server on loopback.
 */
@NullMarked
package dev.parley.channels.tck;

import org.jspecify.annotations.NullMarked;
