package dev.parley.examples.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The HTML report")
class HtmlReportTest {
  @TempDir Path dir;

  private CommandRun simulateInto(Path report, String... more) {
    String[] args = {"--operators", "4", "--capacity", "2", "--arrivals-per-minute", "1.5", "--mean-handle-seconds", "300",
        "--hours", "30", "--seed", "1", "--service-level-seconds", "20", "--abandon-mean-seconds", "120",
        "--report", report.toString()};
    return CommandRun.simulate(args);
  }

  @Test
  @DisplayName("is one self-contained page with an inline SVG per chart")
  void hasThreeCharts() throws Exception {
    Path file = dir.resolve("report.html");

    CommandRun run = simulateInto(file);

    assertThat(run.status()).isZero();
    assertThat(run.out()).contains("Report written to " + file);
    String html = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
    assertThat(html.split("<svg ", -1)).hasSize(4);
    assertThat(html.split("</svg>", -1)).hasSize(4);
    assertThat(html).contains("Waiting time of clients who waited", "Clients waiting", "Occupancy per operator");
    assertThat(html).doesNotContain("<script").doesNotContain("src=").doesNotContain("href=").doesNotContain("<link");
  }

  @Test
  @DisplayName("escapes the text it shows")
  void escapesText() throws Exception {
    Path file = dir.resolve("<b>it's \"bold\" & <i>.html");

    simulateInto(file);

    String html = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(html).contains("&lt;b&gt;it&#39;s &quot;bold&quot; &amp; &lt;i&gt;.html").doesNotContain("<b>").doesNotContain("<i>");
    assertThat(Markup.escape("<script>alert('x') & \"y\"</script>"))
        .isEqualTo("&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
  }

  @Test
  @DisplayName("that cannot be written ends the command with status 1 and a message")
  void unwritable() {
    Path file = dir.resolve("missing-directory").resolve("report.html");

    CommandRun run = simulateInto(file);

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("cannot write the report to " + file).doesNotContain("\tat ");
  }
}
