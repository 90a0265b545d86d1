package dev.parley.transport.netty;

import dev.parley.core.ClientRef;
import dev.parley.core.Command;
import dev.parley.core.GroupId;
import dev.parley.core.SessionId;
import dev.parley.core.channel.OutboundMessage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an operator console sends over {@code /ws/operator}, decoded by {@link Protocol}: a login,
 * engine commands on the operator's behalf, or a question for the server. Every frame may carry
 * a {@code ref}, echoed in the answer or error it causes.
 */
sealed interface OperatorFrame {
  @Nullable String ref();

  /** Log in with a token from the host's {@link Authenticator}; optionally not online at once. */
  record Login(@Nullable String ref, String token, boolean away) implements OperatorFrame {}

  /** Commands to submit in order, as the operator: accept, send, redirect, tag, end, … */
  record Submit(@Nullable String ref, String type, List<Command> commands) implements OperatorFrame {}

  /** A note on a session, allowed only on a session the operator holds, helps or may take. */
  record Note(@Nullable String ref, Command.AddNote command) implements OperatorFrame {}

  /** The redirect picker: groups with their online / busy / away counts. */
  record Picker(@Nullable String ref) implements OperatorFrame {}

  /**
   * The operator reaches a client through the tenant's channel gateway: the client of the ended
   * session {@code ended} again, or {@code to} anew (a template on a messaging network, a call on
   * the phone).
   */
  record Reach(@Nullable String ref, @Nullable SessionId ended, @Nullable ClientRef to,
      OutboundMessage.@Nullable Template template, @Nullable GroupId group) implements OperatorFrame {}

  /** The preview of a waiting client: the same as his tab shows. */
  record Preview(@Nullable String ref, SessionId session) implements OperatorFrame {}

  /** The operator is typing in a session he serves. */
  record Typing(@Nullable String ref, SessionId session) implements OperatorFrame {}
}
