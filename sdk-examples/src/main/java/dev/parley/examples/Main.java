package dev.parley.examples;

import dev.parley.examples.demo.ClusterCommand;
import dev.parley.examples.demo.ClusterNodeCommand;
import dev.parley.examples.demo.DemoCommand;
import dev.parley.examples.simulate.SimulateCommand;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * The examples' launcher: {@code java -jar parley-examples.jar COMMAND [OPTIONS]}. Commands:
 * {@code demo} (see {@link DemoCommand}), {@code simulate} (see {@link SimulateCommand}) and {@code
 * cluster} (see {@link ClusterCommand}, whose nodes run {@link ClusterNodeCommand}).
 *
 * <p>Thread safety: stateless.
 */
public final class Main {
  static final String USAGE = "usage: java -jar parley-examples.jar COMMAND [OPTIONS]\n"
      + "commands:\n"
      + "  demo       a contact center in the browser: operator console, chat widget, admin page\n"
      + "  simulate   simulate a queue at virtual time through the routing core, beside Erlang C\n"
      + "  cluster    the demo as a cluster of nodes on a PostgreSQL of its own; kill -9 one, the others go on\n"
      + "run a command with --help for its options";

  private Main() {}

  /** Runs the command named by the first argument and exits with its status. */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err, System.console() != null);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs the command named by {@code args[0]}.
   *
   * @return the exit status; 2 for a missing or unknown command
   */
  static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
    if (args.length == 0) {
      err.println(USAGE);
      return 2;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "demo":
        return DemoCommand.run(rest, out, err);
      case "simulate":
        return SimulateCommand.run(rest, out, err, terminal);
      case "cluster":
        return ClusterCommand.run(rest, out, err);
      case "cluster-node": // started by cluster, one per node
        return ClusterNodeCommand.run(rest, out, err);
      case "help":
      case "--help":
      case "-h":
        out.println(USAGE);
        return 0;
      default:
        err.println("unknown command '" + args[0] + "'");
        err.println(USAGE);
        return 2;
    }
  }
}
