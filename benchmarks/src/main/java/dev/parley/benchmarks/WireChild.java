package dev.parley.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link WireServer} process the harness started: its port, its heap on demand, and its end
 * when the harness closes it (its input ends; it is killed if it lingers).
 */
final class WireChild implements AutoCloseable {
  private final Process process;
  private final BufferedReader out;
  private final PrintStream in;
  final int port;

  private WireChild(List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xms1g", "-Xmx1g"));
    String extra = System.getProperty("wire.jvmArgs", "") + " " + System.getProperty("wire.jvmArgs." + args.get(1), "");
    if (!extra.isBlank()) {
      command.addAll(List.of(extra.trim().split("\\s+")));
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), WireServer.class.getName()));
    command.addAll(args);
    process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
    port = Integer.parseInt(line("PORT ").trim());
  }

  /** An echo server that spins {@code workMicros} on the CPU before each frame goes back (0: plain echo). */
  static WireChild echo(int workMicros) throws IOException {
    return new WireChild(List.of("--server", "echo", "--work-micros", String.valueOf(workMicros)));
  }

  static WireChild parley(String key, int operators, int capacity) throws IOException {
    return new WireChild(List.of("--server", "parley", "--key", key, "--operators", String.valueOf(operators),
        "--capacity", String.valueOf(capacity)));
  }

  URI uri(String path) {
    return URI.create("ws://127.0.0.1:" + port + path);
  }

  /** Heap in use after full GCs plus the direct memory of Netty's allocator in use, in bytes. */
  long memory() throws IOException {
    in.println("heap");
    String[] parts = line("HEAP ").trim().split(" ");
    return Long.parseLong(parts[0]) + Long.parseLong(parts[1]);
  }

  /** What the server has used so far: heap bytes its threads allocated, and CPU time. */
  record Usage(long allocatedBytes, long cpuNanos) {}

  Usage usage() throws IOException {
    in.println("usage");
    String[] parts = line("USAGE ").trim().split(" ");
    return new Usage(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
  }

  private String line(String prefix) throws IOException {
    for (String line; (line = out.readLine()) != null; ) {
      if (line.startsWith(prefix)) {
        return line.substring(prefix.length());
      }
    }
    throw new IOException("the server process ended before it said " + prefix.trim());
  }

  @Override
  public void close() throws InterruptedException {
    in.close();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
