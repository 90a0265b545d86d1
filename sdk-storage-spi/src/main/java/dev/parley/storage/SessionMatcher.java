package dev.parley.storage;

import java.util.Optional;

/**
 * Whether a stored session passes every filter of a {@link SessionQuery} but its words: the
 * in-memory storage's reading of the query's contract. The words are matched by the index of
 * transcript words (see {@link HistoryPage}).
 */
final class SessionMatcher {
  private final SessionQuery query;

  SessionMatcher(SessionQuery query) {
    this.query = query;
  }

  boolean matches(SessionRecord s) {
    return s.tenant().equals(query.tenant())
        && query.arrivedFrom().map(from -> !s.arrivedAt().isBefore(from)).orElse(true)
        && query.arrivedBefore().map(before -> s.arrivedAt().isBefore(before)).orElse(true)
        && livenessMatches(s.status())
        && equalIfSet(query.session(), Optional.of(s.id()))
        && query.operator().map(op -> tookPart(s, op)).orElse(true)
        && equalIfSet(query.group(), s.group())
        && equalIfSet(query.channel(), Optional.of(s.channel()))
        && equalIfSet(query.endReason(), s.endReason())
        && query.tag().map(s.tags()::contains).orElse(true)
        && query.parameterName().map(n -> query.parameterValue().equals(Optional.ofNullable(s.parameters().get(n))))
            .orElse(true)
        && query.pageUrlContains().map(text -> s.pageUrl().map(url -> url.contains(text)).orElse(false)).orElse(true)
        && equalIfSet(query.chatbot(), s.chatbot())
        && equalIfSet(query.contact(), s.contact())
        && equalIfSet(query.client(), s.client());
  }

  private boolean livenessMatches(SessionStatus status) {
    return switch (query.liveness()) {
      case ANY -> true;
      case LIVE -> status.live();
      case CLOSED -> !status.live();
    };
  }

  private static boolean tookPart(SessionRecord s, String operator) {
    return s.operator().filter(operator::equals).isPresent()
        || s.transitions().stream()
            .anyMatch(t -> t.status() == SessionStatus.ACTIVE && operator.equals(t.operator()));
  }

  private static boolean equalIfSet(Optional<String> wanted, Optional<String> actual) {
    return wanted.isEmpty() || wanted.equals(actual);
  }
}
