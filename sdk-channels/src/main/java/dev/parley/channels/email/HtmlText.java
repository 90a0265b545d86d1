package dev.parley.channels.email;

import java.util.Set;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;

/**
 * The text of an HTML-only mail, as a reader sees it: jsoup parses the HTML (every named and
 * numeric entity decoded), scripts and styles are dropped, block elements and {@code <br>} end a
 * line, runs of white space are one space, and empty lines are dropped.
 */
final class HtmlText {
  private static final Set<String> HIDDEN = Set.of("script", "style", "head", "template", "noscript");

  private HtmlText() {}

  static String of(String html) {
    StringBuilder text = new StringBuilder();
    Jsoup.parse(html).filter(new NodeFilter() {
      @Override
      public FilterResult head(Node node, int depth) {
        if (node instanceof Element e && HIDDEN.contains(e.normalName())) {
          return FilterResult.SKIP_ENTIRELY;
        }
        if (node instanceof TextNode t) {
          text.append(t.text());
        } else if (node instanceof Element e && (e.nameIs("br") || e.isBlock())) {
          text.append('\n');
        }
        return FilterResult.CONTINUE;
      }

      @Override
      public FilterResult tail(Node node, int depth) {
        if (node instanceof Element e && e.isBlock()) {
          text.append('\n');
        }
        return FilterResult.CONTINUE;
      }
    });
    return text.toString().lines().map(String::strip).filter(line -> !line.isEmpty())
        .collect(Collectors.joining("\n"));
  }
}
