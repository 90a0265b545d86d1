package dev.parley.examples.simulate;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One run of the {@code simulate} command in this JVM, with what it printed. */
record CommandRun(int status, String out, String err) {

  /** Runs {@code simulate args} as if on a pipe, not a terminal. */
  static CommandRun simulate(String... args) {
    return simulate(false, args);
  }

  /** Runs {@code simulate args}, telling it whether its output is a terminal. */
  static CommandRun simulate(boolean terminal, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      status = SimulateCommand.run(args, o, e, terminal);
    }
    return new CommandRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
