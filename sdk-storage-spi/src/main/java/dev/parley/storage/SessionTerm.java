package dev.parley.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A value a history query can filter sessions by exactly, as the in-memory indexes list them:
 * each term has the set of sessions that have it.
 *
 * @param field which filter
 * @param value the value it must equal (a parameter's name and value, joined by a NUL)
 */
record SessionTerm(Field field, String value) {
  /** The filters that are indexed by value. */
  enum Field {
    OPERATOR, GROUP, CHANNEL, END_REASON, TAG, PARAMETER, CONTACT, CLIENT, CHATBOT
  }

  /** The term a query's parameter filter asks for. */
  static SessionTerm parameter(String name, String value) {
    return new SessionTerm(Field.PARAMETER, name + '\u0000' + value);
  }

  /** Every term {@code s} has, each once: what {@link SessionMatcher} would match it by. */
  static List<SessionTerm> of(SessionRecord s) {
    List<SessionTerm> terms = new ArrayList<>(8 + s.tags().size() + s.parameters().size());
    s.operator().ifPresent(op -> terms.add(new SessionTerm(Field.OPERATOR, op)));
    for (SessionTransition t : s.transitions()) {
      if (t.status() == SessionStatus.ACTIVE && t.operator() != null) {
        SessionTerm served = new SessionTerm(Field.OPERATOR, t.operator());
        if (!terms.contains(served)) {
          terms.add(served);
        }
      }
    }
    s.group().ifPresent(g -> terms.add(new SessionTerm(Field.GROUP, g)));
    terms.add(new SessionTerm(Field.CHANNEL, s.channel()));
    s.endReason().ifPresent(r -> terms.add(new SessionTerm(Field.END_REASON, r)));
    s.tags().forEach(tag -> terms.add(new SessionTerm(Field.TAG, tag)));
    for (Map.Entry<String, String> p : s.parameters().entrySet()) {
      terms.add(parameter(p.getKey(), p.getValue()));
    }
    s.contact().ifPresent(c -> terms.add(new SessionTerm(Field.CONTACT, c)));
    s.client().ifPresent(c -> terms.add(new SessionTerm(Field.CLIENT, c)));
    s.chatbot().ifPresent(c -> terms.add(new SessionTerm(Field.CHATBOT, c)));
    return terms;
  }

  /**
   * Whether {@code a} and {@code b} (two versions of one session) have the same terms, told
   * without listing them: most saves add a transition and change nothing indexed.
   */
  static boolean same(SessionRecord a, SessionRecord b) {
    return Objects.equals(a.operator().orElse(null), b.operator().orElse(null))
        && Objects.equals(a.group().orElse(null), b.group().orElse(null))
        && a.channel().equals(b.channel())
        && Objects.equals(a.endReason().orElse(null), b.endReason().orElse(null))
        && a.tags().equals(b.tags())
        && a.parameters().equals(b.parameters())
        && Objects.equals(a.contact().orElse(null), b.contact().orElse(null))
        && Objects.equals(a.client().orElse(null), b.client().orElse(null))
        && Objects.equals(a.chatbot().orElse(null), b.chatbot().orElse(null))
        && noneServedIn(a.transitions(), b.transitions());
  }

  /**
   * Whether the transitions one list has beyond the other (the shorter begins the longer: they are
   * append-only) name no operator accepting the session.
   */
  private static boolean noneServedIn(List<SessionTransition> a, List<SessionTransition> b) {
    List<SessionTransition> longer = a.size() >= b.size() ? a : b;
    for (int i = Math.min(a.size(), b.size()); i < longer.size(); i++) {
      SessionTransition t = longer.get(i);
      if (t.status() == SessionStatus.ACTIVE && t.operator() != null) {
        return false;
      }
    }
    return true;
  }
}
