package dev.parley.export;

import static dev.parley.export.TestSessions.ALL;
import static dev.parley.export.TestSessions.ended;
import static dev.parley.export.TestSessions.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.storage.InMemoryStorage;
import dev.parley.storage.MessageRecord.FileRef;
import dev.parley.storage.MessageRecord.Sender;
import dev.parley.storage.SessionRecord;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An HTML export")
class HtmlExportTest {
  @AutoClose private final InMemoryStorage storage = new InMemoryStorage();

  private SessionExport.Builder export(SessionRecord... sessions) {
    storage.sessions().saveAll(List.of(sessions));
    return SessionExport.builder(storage, ALL);
  }

  @Test
  @DisplayName("is a complete standalone UTF-8 document with a header cell per chosen column")
  void standaloneDocument() {
    String html = Html.write(export(ended("s-1").build()).title("May <export>")
        .columns(Column.SESSION_ID, Column.OPERATOR).build());

    assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta charset=\"utf-8\">", "<style>",
        "<title>May &lt;export&gt;</title>", "<th>Session</th><th>Operator</th>",
        "<td>s-1</td><td>alice</td>", "<p class=\"count\">1 session</p>").endsWith("</html>\n")
        .doesNotContain("<script", "<link", "src=");
  }

  @Test
  @DisplayName("escapes a script a client typed, in cells and in messages alike")
  void scriptEscaped() {
    String attack = "<script>alert('x')</script> & \"more\"";
    storage.transcripts().append(message("s-1", 1, Sender.CLIENT, null, attack));

    String html = Html.write(export(ended("s-1").clientName(attack).build())
        .columns(Column.CLIENT_NAME).messages(true).build());

    assertThat(html).doesNotContain("<script>")
        .contains("<td>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;</td>")
        .contains("<div class=\"text\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;</div>");
  }

  @Test
  @DisplayName("links an http or https page URL with its quotes and ampersands escaped in the attribute")
  void linkEscaped() {
    String url = "https://shop.example/p?a=1&b='onmouseover='alert(1)";

    String html = Html.write(export(ended("s-1").pageUrl(url).build()).columns(Column.PAGE_URL).build());

    String escaped = "https://shop.example/p?a=1&amp;b=&#39;onmouseover=&#39;alert(1)";
    assertThat(html).contains("<td><a href=\"" + escaped + "\" rel=\"noopener noreferrer\">" + escaped + "</a></td>");
  }

  @Test
  @DisplayName("shows a URL that would break out of the attribute as escaped text, not as a link")
  void attributeInjectionNotLinked() {
    String url = "https://shop.example/p?q=\"><img src=x onerror=alert(1)>";

    String html = Html.write(export(ended("s-1").pageUrl(url).build()).columns(Column.PAGE_URL).build());

    assertThat(html).contains("<td>https://shop.example/p?q=&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</td>")
        .doesNotContain("<img", "<a ");
  }

  @Test
  @DisplayName("shows a javascript:, data: or relative URL as plain text, never as a link")
  void unsafeSchemesNotLinked() {
    String[] urls = {"javascript:alert(document.cookie)", "JaVaScRiPt:alert(1)", "data:text/html,<b>x</b>",
        "//evil.example/x", "/relative/page"};
    SessionRecord[] sessions = new SessionRecord[urls.length];
    for (int i = 0; i < urls.length; i++) {
      sessions[i] = ended("s-" + i).pageUrl(urls[i]).build();
    }

    String html = Html.write(export(sessions).columns(Column.PAGE_URL).build());

    assertThat(html).doesNotContain("<a ").contains("<td>javascript:alert(document.cookie)</td>",
        "<td>data:text/html,&lt;b&gt;x&lt;/b&gt;</td>");
  }

  @Test
  @DisplayName("shows each session's client, operator, bot and system messages with time, author and files")
  void transcript() {
    storage.transcripts().append(message("s-1", 1, Sender.SYSTEM, null, "Chat started"));
    storage.transcripts().append(message("s-1", 2, Sender.BOT, "helper", "How can I help?"));
    storage.transcripts().append(message("s-1", 3, Sender.CLIENT, null, "", new FileRef("bill <1>.pdf", "application/pdf",
        2048, "https://files.example/bill.pdf"), new FileRef("x.html", "text/html", 1, "javascript:alert(1)")));
    storage.transcripts().append(message("s-1", 4, Sender.OPERATOR, "alice", "Let me look."));

    String html = Html.write(export(ended("s-1").build(), ended("s-2").build()).columns(Column.SESSION_ID)
        .messages(true).build());

    assertThat(html).containsSubsequence(
        "<td>s-1</td>",
        "<li class=\"message system\"><time datetime=\"2024-05-01T10:00:01Z\">2024-05-01T10:00:01Z</time>"
            + "<span class=\"author\">System</span><div class=\"text\">Chat started</div>",
        "<li class=\"message bot\">", "<span class=\"author\">Bot helper</span>", "How can I help?",
        "<li class=\"message client\">", "<span class=\"author\">Client</span>",
        "<li><a href=\"https://files.example/bill.pdf\" rel=\"noopener noreferrer\">bill &lt;1&gt;.pdf</a>"
            + " (application/pdf, 2048 bytes)</li>",
        "<li>x.html (text/html, 1 bytes)</li>",
        "<li class=\"message operator\">", "<span class=\"author\">Operator alice</span>", "Let me look.",
        "<td>s-2</td>", "<p class=\"empty\">No messages.</p>");
  }

  @Test
  @DisplayName("leaves the messages out unless asked")
  void noMessagesByDefault() {
    storage.transcripts().append(message("s-1", 1, Sender.CLIENT, null, "secret"));

    assertThat(Html.write(export(ended("s-1").build()).build())).doesNotContain("secret", "class=\"transcript\"");
  }

  @Test
  @DisplayName("encodes UTF-8 when written to a byte stream")
  void utf8() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    export(ended("s-1").clientName("Zoë 日本").build()).columns(Column.CLIENT_NAME).build().writeHtml(out);

    assertThat(out.toString(StandardCharsets.UTF_8)).contains("<td>Zoë 日本</td>");
  }

  @Test
  @DisplayName("surfaces a failing output as an UncheckedIOException carrying the cause")
  void ioFailure() {
    FailingOutput broken = new FailingOutput();
    SessionExport export = export(ended("s-1").build()).build();

    assertThatThrownBy(() -> export.writeHtml(broken)).isInstanceOf(UncheckedIOException.class)
        .hasCause(broken.cause);
  }
}
