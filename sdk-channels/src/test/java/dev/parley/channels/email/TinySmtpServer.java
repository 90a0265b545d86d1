package dev.parley.channels.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A real SMTP server on loopback, just enough of RFC 5321 for a client without extensions: it
 * records every message it accepts, and answers {@code RCPT} with scripted replies when told to.
 */
final class TinySmtpServer implements AutoCloseable {
  final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
  final Queue<String> rcptReplies = new ConcurrentLinkedQueue<>();
  private final ServerSocket socket;

  TinySmtpServer() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::serve, "tiny-smtp");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept()) {
        converse(client);
      } catch (IOException closedOrBroken) {
        // next connection, or the end
      }
    }
  }

  private void converse(Socket client) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
    Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.ISO_8859_1);
    reply(out, "220 localhost tiny SMTP");
    for (String line; (line = in.readLine()) != null; ) {
      String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
      switch (verb) {
        case "EHLO", "HELO", "MAIL", "RSET", "NOOP" -> reply(out, "250 OK");
        case "RCPT" -> {
          String scripted = rcptReplies.poll();
          reply(out, scripted != null ? scripted : "250 OK");
        }
        case "DATA" -> {
          reply(out, "354 End data with <CR><LF>.<CR><LF>");
          StringBuilder message = new StringBuilder();
          for (String data; (data = in.readLine()) != null && !data.equals("."); ) {
            message.append(data.startsWith("..") ? data.substring(1) : data).append("\r\n");
          }
          messages.add(message.toString());
          reply(out, "250 OK queued");
        }
        case "QUIT" -> {
          reply(out, "221 Bye");
          return;
        }
        default -> reply(out, "502 Command not implemented");
      }
    }
  }

  private static void reply(Writer out, String line) throws IOException {
    out.write(line + "\r\n");
    out.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
