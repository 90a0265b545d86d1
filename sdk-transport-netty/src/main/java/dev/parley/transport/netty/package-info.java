/**
 * The reference transport: one Netty server that carries channel webhooks and the admin REST API
 * over HTTP, and web-chat clients and operator consoles over WebSocket.
 *
 * <p>Start at {@link dev.parley.transport.netty.ParleyServer}. Hosts plug their own users in
 * through {@link dev.parley.transport.netty.Authenticator}; {@link
 * dev.parley.transport.netty.SignedTokens} is a ready one for demos and simple deployments.
 */
@NullMarked
package dev.parley.transport.netty;

import org.jspecify.annotations.NullMarked;
