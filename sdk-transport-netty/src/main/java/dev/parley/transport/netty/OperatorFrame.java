package dev.parley.transport.netty;

import dev.parley.core.ClientRef;
import dev.parley.core.Command;
import dev.parley.core.GroupId;
import dev.parley.core.SessionId;
import dev.parley.core.channel.OutboundMessage;
import dev.parley.storage.ContactRecord;
import java.util.List;
import java.util.Map;
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

  /** A hero card or a template message into a session he serves, through its channel's gateway. */
  record Rich(@Nullable String ref, SessionId session, String messageId, OutboundMessage message) implements OperatorFrame {}

  /** The tag catalogue with its colours and his recent tags: what the tag field suggests. */
  record Tags(@Nullable String ref) implements OperatorFrame {}

  /** A frame about templates or contacts, answered from the storage on a worker. */
  sealed interface Directory extends OperatorFrame {
    /** The session it is about, which the operator must be allowed to touch; null for none. */
    default @Nullable SessionId session() {
      return null;
    }
  }

  /**
   * The templates he sees, those he starred first, each part by title; with {@code query}, those
   * whose title or text contains it; with {@code session}, their placeholders filled for it.
   */
  record Templates(@Nullable String ref, String query, @Nullable SessionId session) implements Directory {}

  /** Stars or unstars a template he sees. */
  record Star(@Nullable String ref, String template, boolean on) implements Directory {}

  /** Stores one of his own templates; a new one when {@code id} is null. */
  record SaveTemplate(@Nullable String ref, @Nullable String id, String title, String text, @Nullable String language)
      implements Directory {}

  /** Removes one of his own templates. */
  record RemoveTemplate(@Nullable String ref, String template) implements Directory {}

  /** Makes a contact of a session's client and links the session to it. */
  record AddContact(@Nullable String ref, SessionId session, @Nullable String name) implements Directory {}

  /** Links a session to a contact, or unlinks it when {@code contact} is null. */
  record Link(@Nullable String ref, SessionId session, @Nullable String contact) implements Directory {}

  /** Adds identities (phone, e-mail, the host's ids) and details to a contact. */
  record AddDetails(@Nullable String ref, String contact, List<ContactRecord.Identity> identities,
      Map<String, String> details) implements Directory {}

  /** Removes a contact; its sessions stay, unlinked. */
  record RemoveContact(@Nullable String ref, String contact) implements Directory {}

  /** A contact with its sessions across channels, newest first. */
  record OpenContact(@Nullable String ref, String contact) implements Directory {}

  /** The contacts with an identity {@code query}, or whose name contains it. */
  record FindContacts(@Nullable String ref, String query) implements Directory {}
}
