package dev.parley.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The examples launcher")
class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
  }

  @Test
  @DisplayName("prints the usage and exits with status 2 when no command is given")
  void noCommand() {
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage:").contains("simulate");
  }

  @Test
  @DisplayName("names an unknown command and exits with status 2")
  void unknownCommand() {
    assertThat(run("simulte", "--hours", "1")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'simulte'").contains("usage:");
  }

  @Test
  @DisplayName("hands simulate its options")
  void dispatchesSimulate() {
    assertThat(run("simulate", "--operators", "2")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("simulate: missing required option --capacity");
  }

  @Test
  @DisplayName("hands demo its options: --help prints them, a bad one exits with status 2 before anything starts")
  void dispatchesDemo() {
    assertThat(run("demo", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: java -jar parley-examples.jar demo");
    assertThat(run("demo", "--port", "99999")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--port must be 0 to 65535, not 99999");
  }

  @Test
  @DisplayName("hands cluster its options: --help prints them, a bad one exits with status 2 before anything starts")
  void dispatchesCluster() {
    assertThat(run("cluster", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: java -jar parley-examples.jar cluster");
    assertThat(run("cluster", "--nodes", "10")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--nodes must be 1 to 9, not 10");
    assertThat(run("cluster-node", "--bogus", "1")).isEqualTo(2);
  }
}
