/**
 * Reference channel adapters and what they share: retry and rate-limit settings for outbound
 * calls. Each vendor has its own sub-package ({@code whatsapp}, {@code messenger}, {@code vk},
 * {@code apple}, {@code telephony}, {@code email}, {@code widget}); every adapter implements
 * {@link dev.parley.core.channel.ChannelAdapter} and passes the adapter TCK.
 */
@NullMarked
package dev.parley.channels;

import org.jspecify.annotations.NullMarked;
