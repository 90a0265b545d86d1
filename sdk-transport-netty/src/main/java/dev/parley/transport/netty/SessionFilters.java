package dev.parley.transport.netty;

import dev.parley.storage.SessionQuery;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * The history filters of {@code GET /sessions} and its export, from the query string:
 *
 * <pre>
 * from, before      ISO-8601 instants of arrival (from inclusive, before exclusive)
 * liveness          any (default) | live | closed
 * session, operator, group, channel, endReason, tag, chatbot, contact, client
 * parameter         name:value
 * pageUrl           a text the page URL contains
 * q                 words that begin words of the conversation (full text)
 * order             newest (default) | oldest
 * limit, cursor     a page: 1..1000 sessions, from the cursor of the page before
 * </pre>
 */
final class SessionFilters {
  private SessionFilters() {}

  static SessionQuery.Builder from(Call call) {
    SessionQuery.Builder q = SessionQuery.builder(call.tenant().value());
    q.arrivedFrom(instant(call, "from").orElse(null));
    q.arrivedBefore(instant(call, "before").orElse(null));
    call.query("liveness").ifPresent(l -> q.liveness(choice(SessionQuery.Liveness.class, "liveness", l)));
    q.session(call.query("session").orElse(null));
    q.operator(call.query("operator").orElse(null));
    q.group(call.query("group").orElse(null));
    q.channel(call.query("channel").map(c -> c.toUpperCase(Locale.ROOT)).orElse(null));
    q.endReason(call.query("endReason").orElse(null));
    q.tag(call.query("tag").orElse(null));
    q.chatbot(call.query("chatbot").orElse(null));
    q.contact(call.query("contact").orElse(null));
    q.client(call.query("client").orElse(null));
    q.pageUrlContains(call.query("pageUrl").orElse(null));
    q.text(call.query("q").orElse(null));
    call.query("parameter").ifPresent(p -> {
      int colon = p.indexOf(':');
      if (colon <= 0) {
        throw new WireException("InvalidArgument", "parameter is name:value, not " + p);
      }
      q.parameter(p.substring(0, colon), p.substring(colon + 1));
    });
    call.query("order").ifPresent(o -> q.order(o.equalsIgnoreCase("oldest") ? SessionQuery.Order.OLDEST_FIRST
        : choice(SessionQuery.Order.class, "order", o.equalsIgnoreCase("newest") ? "NEWEST_FIRST" : o)));
    call.query("limit").ifPresent(l -> q.limit(number("limit", l)));
    q.cursor(call.query("cursor").orElse(null));
    return q;
  }

  private static Optional<Instant> instant(Call call, String name) {
    return call.query(name).map(value -> {
      try {
        return Instant.parse(value);
      } catch (DateTimeParseException e) {
        throw new WireException("InvalidArgument", name + " is an ISO-8601 instant (2025-06-01T08:00:00Z), not " + value);
      }
    });
  }

  private static int number(String name, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new WireException("InvalidArgument", name + " is a whole number, not " + value);
    }
  }

  private static <E extends Enum<E>> E choice(Class<E> type, String name, String value) {
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new WireException("InvalidArgument", name + " is not " + value);
    }
  }
}
