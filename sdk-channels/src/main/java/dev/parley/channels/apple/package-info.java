/**
 * Apple Messages for Business through a Messaging Service Provider (MSP). Apple's MSP REST API
 * could not be read when this was written: the request shape follows open-source MSP connectors
 * and sits in one class, {@code AppleMapping}, so that it is easy to adjust.
 */
@NullMarked
package dev.parley.channels.apple;

import org.jspecify.annotations.NullMarked;
