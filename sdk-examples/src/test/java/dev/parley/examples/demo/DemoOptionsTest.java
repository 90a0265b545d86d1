package dev.parley.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.examples.BadOptionException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The demo's options")
class DemoOptionsTest {
  @Test
  @DisplayName("default to loopback port 8080, ~/.parley/demo, password parley and random secrets")
  void defaults() {
    DemoOptions o = DemoOptions.parse(new String[0]);
    assertThat(o.bind()).isEqualTo("127.0.0.1");
    assertThat(o.port()).isEqualTo(8080);
    assertThat(o.dataDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".parley", "demo"));
    assertThat(o.operatorPassword()).isEqualTo("parley");
    assertThat(o.adminToken()).hasSizeGreaterThanOrEqualTo(24).isNotEqualTo(DemoOptions.parse(new String[0]).adminToken());
    assertThat(o.whatsAppAppSecret()).isNotEqualTo(o.whatsAppVerifyToken());
    assertThat(o.whatsAppAccessToken()).isEmpty();
  }

  @Test
  @DisplayName("take what is given, in both spellings")
  void given() {
    DemoOptions o = DemoOptions.parse(new String[] {"--port=0", "--data-dir", "/tmp/d", "--admin-token", "t0k",
        "--whatsapp-app-secret", "s", "--whatsapp-verify-token=v", "--whatsapp-access-token", "a"});
    assertThat(o.port()).isZero();
    assertThat(o.dataDir()).isEqualTo(Path.of("/tmp/d"));
    assertThat(o.adminToken()).isEqualTo("t0k");
    assertThat(o.whatsAppAppSecret()).isEqualTo("s");
    assertThat(o.whatsAppVerifyToken()).isEqualTo("v");
    assertThat(o.whatsAppAccessToken()).contains("a");
    DemoOptions graces = DemoOptions.parse(new String[] {"--client-grace", "30s", "--operator-grace=2m"});
    assertThat(graces.clientGrace()).contains(Duration.ofSeconds(30));
    assertThat(graces.operatorGrace()).contains(Duration.ofMinutes(2));
    assertThat(DemoOptions.parse(new String[] {"--client-grace", "PT0S"}).clientGrace()).contains(Duration.ZERO);
    assertThat(o.clientGrace()).isEmpty();
    assertThat(o.mail()).isEmpty();
    DemoOptions mail = DemoOptions.parse(new String[] {"--smtp", "mail.example:2525", "--offline-forms-to", "team@shop.example",
        "--whatsapp-graph-url", "http://127.0.0.1:9/v23.0/"});
    assertThat(mail.mail()).contains(new DemoOptions.Mail("mail.example", 2525, "team@shop.example"));
    assertThat(mail.whatsAppGraphUrl()).contains("http://127.0.0.1:9/v23.0/");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--port 65536            | --port must be 0 to 65535, not 65536",
      "--port eighty           | --port must be a whole number, not 'eighty'",
      "--admin-token           | --admin-token needs a value",
      "--admin-token=          | --admin-token must not be blank",
      "--colour red            | unknown option --colour",
      "demo                    | unexpected argument 'demo'",
      "--port 1 --port 2       | --port is given twice",
      "--client-grace soon     | --client-grace must be a duration such as 30s, 2m or 1h, not 'soon'",
      "--operator-grace 25h    | --operator-grace must be 0 to 1 day, not 25h",
      "--operator-grace=-PT1S  | --operator-grace must be a duration",
      "--smtp localhost:25     | --smtp and --offline-forms-to go together",
      "--smtp=localhost --offline-forms-to=a@b.cz | --smtp must be HOST:PORT"})
  void refuses(String args, String message) {
    assertThatThrownBy(() -> DemoOptions.parse(args.split(" "))).isInstanceOf(BadOptionException.class)
        .hasMessageContaining(message);
  }
}
