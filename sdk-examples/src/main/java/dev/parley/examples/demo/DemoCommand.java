package dev.parley.examples.demo;

import dev.parley.examples.BadOptionException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar parley-examples.jar demo [OPTIONS]}: starts a {@link DemoCenter}, prints where
 * to open its pages and how to log in, and runs until the process is told to stop (Ctrl-C), then
 * closes it in order.
 *
 * <p>Thread safety: stateless.
 */
public final class DemoCommand {
  private DemoCommand() {}

  /**
   * Runs the demo until the JVM shuts down.
   *
   * @return the exit status: 0 after a clean stop, 2 for bad options, 1 if it cannot start
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (Arrays.asList(args).contains("--help")) {
      out.println(DemoOptions.USAGE);
      return 0;
    }
    DemoOptions options;
    try {
      options = DemoOptions.parse(args);
    } catch (BadOptionException e) {
      err.println(e.getMessage());
      err.println(DemoOptions.USAGE);
      return 2;
    }
    DemoCenter center;
    try {
      center = DemoCenter.start(options);
    } catch (RuntimeException e) {
      err.println("the demo cannot start: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      out.println("stopping the demo…");
      center.close();
      stopped.countDown();
    }, "parley-demo-stop"));
    printWelcome(center, out);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  static void printWelcome(DemoCenter center, PrintStream out) {
    DemoOptions o = center.options();
    String base = center.uri().toString();
    out.println();
    out.println("Parley demo contact center, tenant '" + DemoCenter.TENANT.value() + "'"
        + (center.seeded() ? " (seeded now)" : " (as stored)") + ", data in " + o.dataDir());
    out.println("  start page         " + base + "/");
    out.println("  chat widget        " + base + "/widget.html");
    out.println("  operator console   " + base + "/console.html   log in as alice, bob, carol or dan, password: "
        + o.operatorPassword());
    out.println("  admin page         " + base + "/admin.html     admin token: " + o.adminToken());
    out.println("  WhatsApp webhook   " + base + "/webhooks/whatsapp   verify token: " + o.whatsAppVerifyToken()
        + ", app secret: " + o.whatsAppAppSecret()
        + (o.whatsAppAccessToken().isPresent() ? "" : " (no access token: replies are not sent to WhatsApp)"));
    out.println("Press Ctrl-C to stop.");
  }
}
