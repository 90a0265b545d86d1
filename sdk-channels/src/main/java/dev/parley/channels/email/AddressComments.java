package dev.parley.channels.email;

/**
 * Removes RFC 5322 comments from an address header ({@code Pete(A nice \) chap)
 * <pete(his account)@silly.test(his host)>}, RFC 5322 Appendix A.5), which Angus Mail's address
 * parser refuses: a comment may nest, may hold quoted pairs ({@code \)}), and is not one inside a
 * quoted string or a domain literal. Each comment becomes one space, as the RFC's folding white
 * space around it reads.
 */
final class AddressComments {
  private AddressComments() {}

  static String strip(String header) {
    StringBuilder out = new StringBuilder(header.length());
    int depth = 0;
    boolean quoted = false;
    boolean literal = false;
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (c == '\\' && i + 1 < header.length() && (depth > 0 || quoted || literal)) {
        if (depth == 0) {
          out.append(c).append(header.charAt(i + 1));
        }
        i++;
      } else if (depth > 0) {
        depth += c == '(' ? 1 : c == ')' ? -1 : 0;
        if (depth == 0) {
          out.append(' ');
        }
      } else if (quoted) {
        quoted = c != '"';
        out.append(c);
      } else if (literal) {
        literal = c != ']';
        out.append(c);
      } else if (c == '(') {
        depth = 1;
      } else {
        quoted = c == '"';
        literal = c == '[';
        out.append(c);
      }
    }
    return out.toString();
  }
}
