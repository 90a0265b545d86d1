package dev.parley.core;

import java.util.Objects;

/**
 * Who caused a transition: the client, an operator, an administrator, a chatbot, or the engine
 * itself (time outs, escalations, routing).
 *
 * <p>Thread safety: immutable.
 *
 * @param kind the kind of actor
 * @param id the operator's id, the administrator's name, the chatbot's id, or {@code "client"} /
 *     {@code "system"}
 */
public record Actor(Kind kind, String id) {
  /** The engine acting on its own: routing, deadlines. */
  public static final Actor SYSTEM = new Actor(Kind.SYSTEM, "system");
  /** The client of the session in question. */
  public static final Actor CLIENT = new Actor(Kind.CLIENT, "client");

  /** The kinds of actor. */
  public enum Kind {
    CLIENT,
    OPERATOR,
    ADMIN,
    SYSTEM,
    /** A tenant's chatbot, by its {@link ChatbotId}. */
    BOT
  }

  /** Checks the components. */
  public Actor {
    Objects.requireNonNull(kind, "kind");
    Ids.check("actor id", id);
  }

  /** The operator as actor. */
  public static Actor operator(OperatorId operator) {
    return new Actor(Kind.OPERATOR, operator.value());
  }

  /** An administrator, by the name the host knows him by. */
  public static Actor admin(String name) {
    return new Actor(Kind.ADMIN, name);
  }

  /** The chatbot as actor: the author of its messages and hand-offs. */
  public static Actor bot(ChatbotId chatbot) {
    return new Actor(Kind.BOT, chatbot.value());
  }

  /** {@code operator:alice}, {@code admin:root}, {@code bot:faq}, {@code client} or {@code system}. */
  @Override
  public String toString() {
    return kind == Kind.OPERATOR || kind == Kind.ADMIN || kind == Kind.BOT ? kind.name().toLowerCase() + ":" + id : id;
  }
}
