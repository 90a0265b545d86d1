/**
 * API chatbots: an HTTP service a group names as its first responder converses with each new
 * client before any operator. The engine POSTs the session's opening and the client's messages to
 * the bot, signed as webhooks are; the bot's replies, hand-off or end come back in the response
 * or later through {@link dev.parley.chatbots.Chatbots#answer}. Start at {@link
 * dev.parley.chatbots.Chatbots}.
 */
@NullMarked
package dev.parley.chatbots;

import org.jspecify.annotations.NullMarked;
