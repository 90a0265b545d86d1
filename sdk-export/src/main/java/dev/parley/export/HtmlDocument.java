package dev.parley.export;

import com.google.common.escape.Escaper;
import com.google.common.html.HtmlEscapers;
import dev.parley.storage.MessageRecord;
import java.io.IOException;
import java.io.Writer;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Writes sessions as one standalone HTML document, row by row: a table of the chosen columns and,
 * when asked, each session's transcript in the row below it. Every text from storage goes through
 * Guava's HTML escaper; URLs become links only when {@link SafeLink} allows them.
 */
final class HtmlDocument {
  private static final Escaper HTML = HtmlEscapers.htmlEscaper();
  private static final String STYLE = String.join("\n",
      "body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}",
      "table{border-collapse:collapse;width:100%}",
      "th,td{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top}",
      "th{background:#f3f3f3;position:sticky;top:0}",
      "tr.transcript>td{background:#fafafa}",
      "ol.messages{list-style:none;margin:0;padding:0}",
      "li.message{margin:4px 0;padding:4px 8px;border-left:4px solid #999}",
      "li.client{border-color:#2a7ae2}li.operator{border-color:#2e9e4f}",
      "li.bot{border-color:#b36ae2}li.system{border-color:#999;color:#555;font-style:italic}",
      ".author{font-weight:600;margin:0 .5em}time{color:#666}",
      ".text{white-space:pre-wrap;overflow-wrap:anywhere}");

  private final List<Column> columns;
  private final boolean messages;
  private final String title;
  private final Writer out;

  HtmlDocument(List<Column> columns, boolean messages, String title, Writer out) {
    this.columns = columns;
    this.messages = messages;
    this.title = title;
    this.out = out;
  }

  /** Writes the whole document with a row for each of {@code rows}, then flushes; returns the rows. */
  long write(Iterator<SessionRow> rows) throws IOException {
    out.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
    text(title);
    out.write("</title>\n<style>\n" + STYLE + "\n</style>\n</head>\n<body>\n<h1>");
    text(title);
    out.write("</h1>\n<table class=\"sessions\">\n<thead><tr>");
    for (Column column : columns) {
      element("th", null, column.header());
    }
    out.write("</tr></thead>\n<tbody>\n");
    long count = 0;
    while (rows.hasNext()) {
      row(rows.next());
      count++;
    }
    out.write("</tbody>\n</table>\n<p class=\"count\">" + count + (count == 1 ? " session" : " sessions")
        + "</p>\n</body>\n</html>\n");
    out.flush();
    return count;
  }

  private void row(SessionRow row) throws IOException {
    out.write("<tr class=\"session\">");
    for (Column column : columns) {
      out.write("<td>");
      String value = column.cell(row);
      if (value != null) {
        maybeLink(column.link() ? SafeLink.href(value) : Optional.empty(), value);
      }
      out.write("</td>");
    }
    out.write("</tr>\n");
    if (messages) {
      transcript(row);
    }
  }

  private void transcript(SessionRow row) throws IOException {
    List<MessageRecord> transcript = row.messages();
    out.write("<tr class=\"transcript\"><td colspan=\"" + columns.size() + "\">");
    if (transcript.isEmpty()) {
      out.write("<p class=\"empty\">No messages.</p>");
    } else {
      out.write("<ol class=\"messages\">\n");
      for (MessageRecord message : transcript) {
        message(row, message);
      }
      out.write("</ol>");
    }
    out.write("</td></tr>\n");
  }

  private void message(SessionRow row, MessageRecord message) throws IOException {
    out.write("<li class=\"message " + message.sender().name().toLowerCase(Locale.ROOT) + "\">");
    out.write("<time datetime=\"" + message.at() + "\">");
    text(row.time(message.at()));
    out.write("</time>");
    element("span", "author", author(message.sender(), message.author()));
    if (!message.text().isEmpty()) {
      element("div", "text", message.text());
    }
    if (!message.files().isEmpty()) {
      out.write("<ul class=\"files\">");
      for (MessageRecord.FileRef file : message.files()) {
        out.write("<li>");
        maybeLink(SafeLink.href(file.uri()), file.name());
        text(" (" + file.contentType() + ", " + file.size() + " bytes)");
        out.write("</li>");
      }
      out.write("</ul>");
    }
    out.write("</li>\n");
  }

  private static String author(MessageRecord.Sender sender, @Nullable String author) {
    return switch (sender) {
      case CLIENT -> "Client";
      case OPERATOR -> "Operator " + author;
      case BOT -> "Bot " + author;
      case SYSTEM -> "System";
    };
  }

  /** Writes {@code label} as a link to {@code href} when there is one, else as plain text. */
  private void maybeLink(Optional<String> href, String label) throws IOException {
    if (href.isPresent()) {
      out.write("<a href=\"" + HTML.escape(href.get()) + "\" rel=\"noopener noreferrer\">");
      text(label);
      out.write("</a>");
    } else {
      text(label);
    }
  }

  /** Writes {@code <tag class="cssClass">text</tag>}, without a class attribute when it is null. */
  private void element(String tag, @Nullable String cssClass, String text) throws IOException {
    out.write(cssClass == null ? "<" + tag + ">" : "<" + tag + " class=\"" + cssClass + "\">");
    text(text);
    out.write("</" + tag + ">");
  }

  private void text(String text) throws IOException {
    out.write(HTML.escape(text));
  }
}
