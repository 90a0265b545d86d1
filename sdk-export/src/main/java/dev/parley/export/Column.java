package dev.parley.export;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Joiner;
import com.google.common.collect.ImmutableMap;
import dev.parley.storage.SessionRecord;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A column of an export: a header and the cell each session gives it. The standard columns are
 * the constants below ({@link #standard()} lists them in their natural order); {@link
 * #parameter(String)} adds one column per named session parameter.
 *
 * <p>Times are ISO-8601 in the export's zone (UTC unless {@link SessionExport.Builder#zone} says
 * otherwise); durations are whole seconds, so that a spreadsheet can sum them; lists (tags,
 * collaborators) are joined with {@code ", "}. A value the session does not have, or lost to
 * erasure, is an empty cell.
 *
 * <pre>{@code
 * List<Column> columns = List.of(Column.SESSION_ID, Column.ARRIVED, Column.OPERATOR,
 *     Column.parameter("orderId"), Column.forKey("rating"));
 * }</pre>
 *
 * <p>Thread safety: immutable.
 */
public final class Column {
  private static final Joiner LIST = Joiner.on(", ");
  private static final Joiner.MapJoiner PARAMETER_LIST = Joiner.on("; ").withKeyValueSeparator("=");

  /** The session's id. */
  public static final Column SESSION_ID = of("session_id", "Session", s -> s.id());
  /** The channel's enum name, such as {@code WEB_CHAT}. */
  public static final Column CHANNEL = of("channel", "Channel", s -> s.channel());
  /** Where the session is in its life, such as {@code ENDED}. */
  public static final Column STATUS = of("status", "Status", s -> s.status().name());
  /** When the client arrived. */
  public static final Column ARRIVED = new Column("arrived", "Arrived", false, r -> r.time(r.session().arrivedAt()));
  /** When an operator first answered: the first move to {@code ACTIVE}. */
  public static final Column ACCEPTED = new Column("accepted", "Accepted", false, r -> r.time(r.answeredAt()));
  /** When the conversation ended. */
  public static final Column ENDED = new Column("ended", "Ended", false, r -> r.time(r.session().endedAt()));
  /** When the session reached its final state (after wrap-up). */
  public static final Column CLOSED = new Column("closed", "Closed", false, r -> r.time(r.session().closedAt()));
  /**
   * Seconds from arrival to the first answer, or to the end for a session nobody answered (an
   * abandoned one); empty while it still waits.
   */
  public static final Column WAIT_SECONDS = new Column("wait_seconds", "Wait (s)", false,
      r -> SessionRow.seconds(Optional.of(r.session().arrivedAt()), r.answeredAt().or(r.session()::endedAt)));
  /** Seconds from the first answer to the end of the conversation; empty unless both happened. */
  public static final Column HANDLE_SECONDS = new Column("handle_seconds", "Handle (s)", false,
      r -> SessionRow.seconds(r.answeredAt(), r.session().endedAt()));
  /** The (last) group. */
  public static final Column GROUP = optional("group", "Group", SessionRecord::group);
  /** The operator holding it, or who last served it. */
  public static final Column OPERATOR = optional("operator", "Operator", SessionRecord::operator);
  /** The operators collaborating in it. */
  public static final Column COLLABORATORS = of("collaborators", "Collaborators", s -> LIST.join(s.collaborators()));
  /** The client's identifier on the channel. */
  public static final Column CLIENT = optional("client", "Client", SessionRecord::client);
  /** The name the client gave. */
  public static final Column CLIENT_NAME = optional("client_name", "Client name", SessionRecord::clientName);
  /** The client's phone number. */
  public static final Column PHONE = optional("phone", "Phone", SessionRecord::phone);
  /** The client's e-mail address. */
  public static final Column EMAIL = optional("email", "E-mail", SessionRecord::email);
  /** The page the client was on; a link in HTML when it is http or https. */
  public static final Column PAGE_URL = new Column("page_url", "Page URL", true,
      r -> r.session().pageUrl().orElse(null));
  /** The client's language. */
  public static final Column LANGUAGE = optional("language", "Language", SessionRecord::language);
  /** The client's browser. */
  public static final Column BROWSER = optional("browser", "Browser", SessionRecord::browser);
  /** The client's operating system. */
  public static final Column OS = optional("os", "OS", SessionRecord::os);
  /** The subject (an e-mail's subject line, or what the entry form asked). */
  public static final Column SUBJECT = optional("subject", "Subject", SessionRecord::subject);
  /** The widget the client came through. */
  public static final Column WIDGET = optional("widget", "Widget", SessionRecord::widget);
  /** The invitation code the client came with. */
  public static final Column INVITATION_CODE = optional("invitation_code", "Invitation code",
      SessionRecord::invitationCode);
  /** Why it ended, such as {@code CLIENT_DISCONNECTED}. */
  public static final Column END_REASON = optional("end_reason", "End reason", SessionRecord::endReason);
  /** The result chosen at wrap-up. */
  public static final Column RESULT = optional("result", "Result", SessionRecord::result);
  /** The client's rating, 1 to 5. */
  public static final Column RATING = optional("rating", "Rating", s -> s.rating().map(String::valueOf));
  /** The client's feedback comment. */
  public static final Column FEEDBACK = optional("feedback", "Feedback", SessionRecord::feedback);
  /** The tags, in the order added. */
  public static final Column TAGS = of("tags", "Tags", s -> LIST.join(s.tags()));
  /** All parameters as {@code name=value; name=value}; see {@link #parameter} for one a column. */
  public static final Column PARAMETERS = of("parameters", "Parameters", s -> PARAMETER_LIST.join(s.parameters()));
  /** The chatbot that took the first turns. */
  public static final Column CHATBOT = optional("chatbot", "Chatbot", SessionRecord::chatbot);
  /** The contact the session is linked to. */
  public static final Column CONTACT = optional("contact", "Contact", SessionRecord::contact);
  /** The ended session this one continues. */
  public static final Column REOPENS = optional("reopens", "Reopens", SessionRecord::reopens);
  /** How many messages its transcript holds; needs the export to have a transcript store. */
  public static final Column MESSAGE_COUNT = new Column("message_count", "Messages", false,
      r -> Integer.toString(r.messages().size()));

  private static final String PARAMETER_PREFIX = "parameter:";
  private static final ImmutableMap<String, Column> STANDARD = standardByKey(SESSION_ID, CHANNEL, STATUS,
      ARRIVED, ACCEPTED, ENDED, CLOSED, WAIT_SECONDS, HANDLE_SECONDS, GROUP, OPERATOR, COLLABORATORS, CLIENT,
      CLIENT_NAME, PHONE, EMAIL, PAGE_URL, LANGUAGE, BROWSER, OS, SUBJECT, WIDGET, INVITATION_CODE, END_REASON,
      RESULT, RATING, FEEDBACK, TAGS, PARAMETERS, CHATBOT, CONTACT, REOPENS, MESSAGE_COUNT);

  private final String key;
  private final String header;
  private final boolean link;
  private final Function<SessionRow, @Nullable String> cell;

  private Column(String key, String header, boolean link, Function<SessionRow, @Nullable String> cell) {
    this.key = key;
    this.header = header;
    this.link = link;
    this.cell = cell;
  }

  /**
   * A column holding the value of the session parameter {@code name}; its header is the name.
   *
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public static Column parameter(String name) {
    requireNonNull(name, "parameter name must not be null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("parameter name must not be blank, was: '" + name + "'");
    }
    return new Column(PARAMETER_PREFIX + name, name, false, r -> r.session().parameters().get(name));
  }

  /**
   * The column with this {@linkplain #key() key}: a standard one such as {@code "end_reason"}, or
   * {@code "parameter:orderId"}. For columns chosen by name in a request or a configuration file.
   *
   * @throws IllegalArgumentException if no column has that key
   */
  public static Column forKey(String key) {
    requireNonNull(key, "key must not be null");
    if (key.startsWith(PARAMETER_PREFIX)) {
      return parameter(key.substring(PARAMETER_PREFIX.length()));
    }
    Column column = STANDARD.get(key);
    if (column == null) {
      throw new IllegalArgumentException("no column has the key '" + key + "'; use one of " + STANDARD.keySet()
          + " or parameter:<name>");
    }
    return column;
  }

  /** The standard columns (every constant of this class), in their natural order. */
  public static List<Column> standard() {
    return STANDARD.values().asList();
  }

  /** The stable name of this column, such as {@code "end_reason"} or {@code "parameter:orderId"}. */
  public String key() {
    return key;
  }

  /** The header row's text for this column, such as {@code "End reason"}. */
  public String header() {
    return header;
  }

  /** Whether HTML shows the value as a link (when it is an http or https URL). */
  boolean link() {
    return link;
  }

  /** This column's value for {@code row}, or null for an empty cell. */
  @Nullable String cell(SessionRow row) {
    return cell.apply(row);
  }

  /** Columns are equal when their keys are. */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Column && ((Column) o).key.equals(key);
  }

  @Override
  public int hashCode() {
    return key.hashCode();
  }

  /** The key. */
  @Override
  public String toString() {
    return key;
  }

  private static Column of(String key, String header, Function<SessionRecord, @Nullable String> value) {
    return new Column(key, header, false, r -> value.apply(r.session()));
  }

  private static Column optional(String key, String header, Function<SessionRecord, Optional<String>> value) {
    return of(key, header, s -> value.apply(s).orElse(null));
  }

  private static ImmutableMap<String, Column> standardByKey(Column... columns) {
    ImmutableMap.Builder<String, Column> byKey = ImmutableMap.builder();
    for (Column column : columns) {
      byKey.put(column.key, column);
    }
    return byKey.buildOrThrow();
  }
}
