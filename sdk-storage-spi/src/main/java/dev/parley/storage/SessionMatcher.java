package dev.parley.storage;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Whether a stored session passes every filter of a {@link SessionQuery}: the in-memory storage's
 * reading of the query's contract.
 */
final class SessionMatcher {
  private final SessionQuery query;
  // (tenant, session) -> its transcript, read only when the query searches text
  private final BiFunction<String, String, List<MessageRecord>> transcripts;

  SessionMatcher(SessionQuery query, BiFunction<String, String, List<MessageRecord>> transcripts) {
    this.query = query;
    this.transcripts = transcripts;
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
        && equalIfSet(query.client(), s.client())
        && (query.words().isEmpty() || saysAll(transcripts.apply(s.tenant(), s.id())));
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

  /** Whether each query word begins a word of some message (not necessarily the same one). */
  private boolean saysAll(List<MessageRecord> transcript) {
    List<String> said = transcript.stream().flatMap(m -> Words.of(m.text()).stream()).distinct().toList();
    return query.words().stream().allMatch(w -> said.stream().anyMatch(word -> word.startsWith(w)));
  }
}
