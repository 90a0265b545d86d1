package dev.parley.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * A TCP proxy on loopback in front of the database, which can black-hole the link: while it does,
 * no byte and no close goes through either way (as when a network drops packets), and the
 * connections stay open at both ends; once healed, what was held back goes through.
 */
final class FaultProxy implements AutoCloseable {
  private final ServerSocket server;
  private final int target;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean blackHoled;
  private volatile @Nullable String marker;
  private volatile boolean closed;

  FaultProxy(int target) {
    this.target = target;
    try {
      this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread accept = new Thread(this::accept, "fault-proxy-" + port());
    accept.setDaemon(true);
    accept.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Stops every byte and close, both ways, until {@link #heal()}. */
  void blackHole() {
    blackHoled = true;
  }

  void heal() {
    blackHoled = false;
  }

  /**
   * Black-holes the link as soon as {@code text} has gone through to the database, as when a
   * process stops right after it sent a statement: the database runs it and its answer is held
   * back. (Statements go as text when the driver does not prepare them on the server.)
   */
  void blackHoleAfter(String text) {
    marker = text;
  }

  boolean blackHoled() {
    return blackHoled;
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
        sockets.add(client);
        sockets.add(upstream);
        pump(client, upstream, true);
        pump(upstream, client, false);
      } catch (IOException e) {
        if (!closed) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  private void pump(Socket from, Socket to, boolean toDatabase) throws IOException {
    InputStream in = from.getInputStream();
    OutputStream out = to.getOutputStream();
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[8192];
      try {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          awaitLink();
          String awaited = marker;
          if (toDatabase && awaited != null && new String(buffer, 0, n, StandardCharsets.ISO_8859_1).contains(awaited)) {
            marker = null;
            blackHoled = true; // before the statement goes, so that its answer is held back
          }
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException ignored) {
        // one end went away: the other follows below
      }
      awaitLink();
      closeQuietly(to);
      closeQuietly(from);
    }, "fault-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private void awaitLink() {
    while (blackHoled && !closed) {
      LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    sockets.forEach(FaultProxy::closeQuietly);
  }
}
