package dev.parley.chatbots;

import static java.util.Objects.requireNonNull;

import dev.parley.core.Actor;
import dev.parley.core.ChatbotId;
import dev.parley.core.Command;
import dev.parley.core.GroupId;
import dev.parley.core.SessionId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a chatbot answers to a turn: messages for the client, then at most one action, handing the
 * session to a group or ending it. An answer with neither says "nothing now": the bot may still
 * answer later through {@link Chatbots#answer}, within its reply time-out.
 *
 * <p>On the wire (the body of the bot's 2xx response, or of a later call), UTF-8 JSON:
 *
 * <pre>{@code
 * {"replies": [{"text": "I can't see order A-17 yet."}, {"text": "Let me find you a person."}],
 *  "action": {"type": "handoff", "group": "billing", "parameters": {"order": "A-17"}, "note": "refund for A-17"}}
 *
 * {"replies": [{"text": "Glad I could help. Bye!"}], "action": {"type": "end"}}
 * }</pre>
 *
 * An empty body, {@code {}} and {@code {"replies": []}} are the empty answer. Every field is
 * checked as the engine's commands check it (non-blank texts of at most 65,536 characters, at most
 * {@value #MAX_REPLIES} replies, group ids and parameter names of at most 200 characters, notes and
 * parameter values of at most 10,000); an unknown field is refused rather than ignored, so a typo
 * shows up at once instead of as a time-out.
 *
 * <p>Thread safety: immutable.
 */
public final class ChatbotAnswer {
  /** The answer with no message and no action. */
  public static final ChatbotAnswer NONE = builder().build();
  /** The most replies one answer may carry. */
  public static final int MAX_REPLIES = 20;
  /** The largest body {@link #parse} reads: 1 MiB. */
  public static final int MAX_BODY_BYTES = 1 << 20;

  private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build()).build()).build();
  /** Stands in for the session and bot while the commands' own checks run over a parsed answer. */
  private static final SessionId PROBE_SESSION = SessionId.of("probe");
  private static final ChatbotId PROBE_BOT = ChatbotId.of("probe");

  private final List<String> replies;
  private final @Nullable Action action;

  private ChatbotAnswer(Builder b) {
    replies = List.copyOf(b.replies);
    action = b.action;
  }

  /** Starts an answer. */
  public static Builder builder() {
    return new Builder();
  }

  /** The messages for the client, in order. */
  public List<String> replies() {
    return replies;
  }

  /** What the bot does with the session after its replies, if anything. */
  public Optional<Action> action() {
    return Optional.ofNullable(action);
  }

  /** Whether the answer has neither replies nor an action. */
  public boolean isEmpty() {
    return replies.isEmpty() && action == null;
  }

  /**
   * The commands that carry the answer out for {@code session}, in order: one message per reply
   * (with a fresh message id), then the action's.
   */
  List<Command> commands(SessionId session, ChatbotId chatbot) {
    List<Command> commands = new ArrayList<>(replies.size() + 1);
    for (String text : replies) {
      commands.add(new Command.PostMessage(session, Actor.bot(chatbot), "bot-" + UUID.randomUUID(), text, List.of()));
    }
    if (action instanceof HandOff) {
      HandOff h = (HandOff) action;
      commands.add(new Command.ChatbotHandOff(session, chatbot, h.group(), h.parameters(), h.note()));
    } else if (action instanceof End) {
      commands.add(new Command.ChatbotEnd(session, chatbot));
    }
    return commands;
  }

  /**
   * Reads an answer from its JSON body.
   *
   * @throws MalformedAnswerException when the body is larger than {@value #MAX_BODY_BYTES} bytes,
   *     is not JSON, or is not an answer; the message says what is wrong
   */
  public static ChatbotAnswer parse(byte[] body) {
    requireNonNull(body, "body");
    if (body.length > MAX_BODY_BYTES) {
      throw new MalformedAnswerException("the body is " + body.length + " bytes long; at most " + MAX_BODY_BYTES + " read");
    }
    if (new String(body, StandardCharsets.UTF_8).isBlank()) {
      return NONE;
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw new MalformedAnswerException("the body is not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new MalformedAnswerException("the body must be a JSON object, not " + kind(root));
    }
    only(root, "the answer", List.of("replies", "action"));
    Builder b = builder();
    JsonNode replies = root.get("replies");
    if (replies != null && !replies.isNull()) {
      if (!replies.isArray()) {
        throw new MalformedAnswerException("replies must be an array, not " + kind(replies));
      }
      for (int i = 0; i < replies.size(); i++) {
        JsonNode reply = replies.get(i);
        if (!reply.isObject()) {
          throw new MalformedAnswerException("replies[" + i + "] must be an object with a text, not " + kind(reply));
        }
        only(reply, "replies[" + i + "]", List.of("text"));
        String text = text(reply, "text", "replies[" + i + "]");
        if (text == null) {
          throw new MalformedAnswerException("replies[" + i + "] has no text");
        }
        checked("replies[" + i + "]", () -> b.reply(text));
      }
    }
    JsonNode action = root.get("action");
    if (action != null && !action.isNull()) {
      if (!action.isObject()) {
        throw new MalformedAnswerException("action must be an object, not " + kind(action));
      }
      String type = text(action, "type", "action");
      if ("end".equals(type)) {
        only(action, "action", List.of("type"));
        b.end();
      } else if ("handoff".equals(type)) {
        only(action, "action", List.of("type", "group", "parameters", "note"));
        String group = text(action, "group", "action");
        if (group == null) {
          throw new MalformedAnswerException("a handoff action names its group");
        }
        Map<String, String> parameters = parameters(action.get("parameters"));
        String note = text(action, "note", "action");
        checked("action", () -> b.handOff(GroupId.of(group), parameters, note));
      } else {
        throw new MalformedAnswerException("action.type must be \"handoff\" or \"end\", not " + kind(action.get("type")));
      }
    }
    return b.build();
  }

  private static Map<String, String> parameters(@Nullable JsonNode node) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return parameters;
    }
    if (!node.isObject()) {
      throw new MalformedAnswerException("action.parameters must be an object of texts, not " + kind(node));
    }
    for (Map.Entry<String, JsonNode> p : node.properties()) {
      if (!p.getValue().isString()) {
        throw new MalformedAnswerException("action.parameters." + p.getKey() + " must be a text, not " + kind(p.getValue()));
      }
      parameters.put(p.getKey(), p.getValue().asString());
    }
    return parameters;
  }

  /** A text field of {@code node}, or null when it is absent or null. */
  private static @Nullable String text(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isString()) {
      throw new MalformedAnswerException(where + "." + field + " must be a text, not " + kind(value));
    }
    return value.asString();
  }

  /** Refuses fields of {@code node} other than {@code known}. */
  private static void only(JsonNode node, String where, List<String> known) {
    for (Iterator<String> names = node.propertyNames().iterator(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new MalformedAnswerException(where + " has an unknown field \"" + name + "\"; known are " + known);
      }
    }
  }

  /** Runs a builder step, turning the engine's argument checks into a malformed answer. */
  private static void checked(String where, Runnable step) {
    try {
      step.run();
    } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
      throw new MalformedAnswerException(where + ": " + e.getMessage());
    }
  }

  private static String kind(@Nullable JsonNode node) {
    return node == null || node.isMissingNode() ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof ChatbotAnswer && replies.equals(((ChatbotAnswer) other).replies)
        && Objects.equals(action, ((ChatbotAnswer) other).action);
  }

  @Override
  public int hashCode() {
    return 31 * replies.hashCode() + Objects.hashCode(action);
  }

  @Override
  public String toString() {
    return "ChatbotAnswer{" + replies.size() + " replies" + (action == null ? "" : ", " + action) + "}";
  }

  /** What the bot does with the session after its replies. */
  public sealed interface Action {}

  /**
   * Hand the session to {@code group}, setting {@code parameters} on it, with a note for the
   * operator; see {@link Command.ChatbotHandOff}.
   */
  public record HandOff(GroupId group, Map<String, String> parameters, @Nullable String note) implements Action {
    /** Checks the components as {@link Command.ChatbotHandOff} does. */
    public HandOff {
      Command.ChatbotHandOff checked = new Command.ChatbotHandOff(PROBE_SESSION, PROBE_BOT, group, parameters, note);
      parameters = checked.parameters();
    }
  }

  /** End the session: the client's matter is settled. */
  public record End() implements Action {}

  /** Builds a {@link ChatbotAnswer}; each step checks its argument at once. */
  public static final class Builder {
    private final List<String> replies = new ArrayList<>();
    private @Nullable Action action;

    private Builder() {}

    /** Adds a message for the client: non-blank, at most 65,536 characters. */
    public Builder reply(String text) {
      if (requireNonNull(text, "text").isBlank()) {
        throw new IllegalArgumentException("a reply must not be blank");
      }
      new Command.PostMessage(PROBE_SESSION, Actor.bot(PROBE_BOT), "probe", text, List.of()); // the engine's checks
      if (replies.size() == MAX_REPLIES) {
        throw new IllegalStateException("an answer carries at most " + MAX_REPLIES + " replies");
      }
      replies.add(text);
      return this;
    }

    /** Hands the session to a group after the replies. */
    public Builder handOff(GroupId group, Map<String, String> parameters, @Nullable String note) {
      return action(new HandOff(group, parameters, note));
    }

    /** Ends the session after the replies. */
    public Builder end() {
      return action(new End());
    }

    private Builder action(Action next) {
      if (action != null) {
        throw new IllegalStateException("an answer carries at most one action; it has " + action);
      }
      action = next;
      return this;
    }

    /** Builds the answer. */
    public ChatbotAnswer build() {
      return new ChatbotAnswer(this);
    }
  }
}
