/**
 * Apple Messages for Business through a Messaging Service Provider (MSP), checked against Apple's
 * Business Chat REST API documentation (https://developer.apple.com/documentation/businesschatapi:
 * "Integrating with Business Chat", "Authorizing Messages", "Messages Received", "Sending Messages
 * to the Business Chat Service", "TypingIndicatorMessage"). The message shape sits in one class,
 * {@code AppleMapping}; what those pages do not show is named there.
 */
@NullMarked
package dev.parley.channels.apple;

import org.jspecify.annotations.NullMarked;
